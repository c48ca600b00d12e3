# Tables fitted to their content (issue 13), over the golden layouts of
# tests/regress/table/: no word or number of appendix.csv is cut across
# lines of a cell when it has no break opportunity of its own (no
# / ? & = _ : - and no "." before a letter), since the column widths
# give every such unit room before sharing out the rest; a word wider
# than the whole page (word-wider-than-page) is the only one cut.
for c in tests/regress/table/*/; do
	c=${c%/}
	[ -f "$c/expected.layout" ] || continue
	case $c in */word-wider-than-page) continue;; esac
	if awk -v dump="$c/expected.layout" '
	BEGIN {
		while ((getline l < dump) > 0)
			if (l ~ /^  text /) {
				sub(/^[^"]*"/, "", l)
				sub(/"$/, "", l)
				box[++n] = l
			}
	}
	{
		gsub(/"/, "")
		m = split($0, w, /[ ,]+/)
		for (i = 1; i <= m; i++) {
			t = w[i]
			if (t == "" || t ~ /[\/?&=_:-]/ || t ~ /\.[^0-9]/)
				continue
			for (k = 1; k <= n; k++)
				if (index(box[k], t))
					break
			if (k > n) {
				print "cut: " t
				bad = 1
			}
		}
	}
	END { exit bad }' "$c/appendix.csv" >"$tmp/cut"; then ok; else
		ko "$c: a word of the table is cut: $(head -3 "$tmp/cut" | tr '\n' ' ')"
	fi
done

# The numbers of a column share their decimal comma, so integers end
# where the commas are: in decimal-comma, "1.500.000.000" and "25.000"
# of "Số tiền (đồng)" end at the same x (pt, to the dump's rounding).
rm -rf "$tmp/dcin"; mkdir -p "$tmp/dcin"
cp tests/regress/table/decimal-comma/appendix.csv tests/regress/table/default.md \
    "$tmp/dcin"/
mv "$tmp/dcin/default.md" "$tmp/dcin/dispatch.md"
$CV -T layout -i "$tmp/dcin" >"$tmp/dc" 2>/dev/null
check "table: integers of a column of numbers end at one x" awk '
	$1 == "text" && /"1\.500\.000\.000"$/ { a = $2 + $7 }
	$1 == "text" && /"25\.000"$/ { b = $2 + $7 }
	END { d = a - b; exit !(a > 0 && d < 0.02 && d > -0.02) }' "$tmp/dc"

# The serial-number columns are the template's (phu_luc.serial_columns):
# with "TT" left out of the list, the "TT" column of decimal-comma is a
# column of numbers, flush right, no longer centred.
mkdir -p "$tmp/sert"
sed 's/^  serial_columns: .*/  serial_columns: "STT"/' templates/cong-van.yaml \
    >"$tmp/sert/cong-van.yaml"
$CV -T layout -t "$tmp/sert" -i "$tmp/dcin" >"$tmp/dc2" 2>/dev/null
check "table: serial columns named by the template" awk '
	FNR == 1 { f++ }
	$1 == "text" && /"TT"$/ { tt[f] = $2 + $7 / 2; tr[f] = $2 + $7 }
	$1 == "text" && /"3"$/ && !(f in x) { x[f] = $2 + $7 / 2; r[f] = $2 + $7 }
	END { c1 = x[1] - tt[1]; exit !(c1 < 0.02 && c1 > -0.02 &&
	    r[2] > r[1] + 1) }' "$tmp/dc" "$tmp/dc2"
