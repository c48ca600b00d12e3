# The house (issue 12, sourced by run.sh): the PDFs of the worked example and
# of tests/dispatches/ are byte-identical to those recorded before the code
# moved into stage folders (tests/house/pdfs.sha256; a change of output on
# purpose rewrites it with UPDATE=house, reviewed like any golden file), and
# no include runs from a lower stage to a higher one.

# --- The PDFs, byte for byte ---------------------------------------------
hb=$tmp/house
rm -rf "$hb"
mkdir -p "$hb"
for job in "seed input" "seed-issued input --number 7 --date 2022-04-05" \
    "tinh tests/dispatches/tinh" "nhieu-noi tests/dispatches/nhieu-noi" \
    "tinh-issued tests/dispatches/tinh --number 12 --date 2023-11-30"; do
	set -- $job
	name=$1 in=$2
	shift 2
	$CV build -q -i "$in" -o "$hb/$name" "$@" >/dev/null 2>&1 ||
	    ko "house: build $name"
done
(cd "$hb" && find . -name '*.pdf' ! -path '*/archive/*' | sort |
    xargs sha256sum) >"$tmp/house.sums"
golden "house: PDFs byte-identical (tests/house/pdfs.sha256)" \
    tests/house/pdfs.sha256 "$tmp/house.sums"
