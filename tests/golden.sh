# Golden dumps of the worked example and the test dispatches (sourced by
# run.sh): the document model and the layout of the first letter, so a
# regression in parsing, line breaking or pagination shows as a diff.
for g in seed:15:input tinh:4:tests/dispatches/tinh \
    nhieu-noi:5:tests/dispatches/nhieu-noi; do
	name=${g%%:*} rest=${g#*:}
	n=${rest%%:*} dir=${rest#*:}
	$CV -T model -i "$dir" >"$tmp/got" 2>/dev/null
	golden "golden $name model" "tests/golden/$name.model" "$tmp/got"
	$CV -T layout --shard "1/$n" -i "$dir" >"$tmp/got" 2>/dev/null
	golden "golden $name layout" "tests/golden/$name.layout" "$tmp/got"
done
