// make bench's peer: Typst in one long-lived Node process
// (@myriaddreamin/typst-ts-node-compiler, installed by make bench-peers
// under tests/peers/), rendering the same letters as "congvan build" from
// the same dispatch folder with the equivalent template cong-van.typ.
//
//   node tests/bench/typst.mjs IN OUT
//
// IN holds dispatch.md and appendix.csv as tests/bench/bench.sh generates
// them: the seed's front matter subset (scalars, the noi_nhan list, phu_luc
// with tieu_de and cot) and a body of paragraphs with **bold** and
// {{Column}} placeholders.  Anything else is refused, so the peer never
// renders less than congvan does.  One PDF per row goes to OUT/NN.pdf.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, '../peers/package.json'));
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [inDir, outDir] = process.argv.slice(2);
if (!inDir || !outDir) {
	console.error('usage: node typst.mjs IN OUT');
	process.exit(2);
}
function die(msg) { console.error(`typst.mjs: ${msg}`); process.exit(1); }

// Front matter: the subset bench.sh writes.
const src = fs.readFileSync(path.join(inDir, 'dispatch.md'), 'utf8');
const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(src);
if (!m) die('dispatch.md: no front matter');
const fm = {};
let list = null, block = null;
const unq = s => {
	s = s.trim();
	return /^".*"$/.test(s) ? JSON.parse(s) : s;
};
for (const line of m[1].split('\n')) {
	let r;
	if ((r = /^([a-z_]+):\s*(.*)$/.exec(line))) {
		list = block = null;
		if (r[2] === '') { fm[r[1]] = null; list = block = r[1]; }
		else fm[r[1]] = unq(r[2]);
	} else if ((r = /^  - (.*)$/.exec(line)) && list) {
		if (!Array.isArray(fm[list])) fm[list] = [];
		fm[list].push(unq(r[1]));
	} else if ((r = /^  ([a-z_]+):\s*(.*)$/.exec(line)) && block) {
		if (fm[block] === null || Array.isArray(fm[block])) fm[block] = {};
		list = null;
		fm[block][r[1]] = /^\[.*\]$/.test(r[2])
		    ? r[2].slice(1, -1).split(',').map(unq) : unq(r[2]);
	} else if (line.trim() !== '')
		die(`dispatch.md: front matter line not understood: ${line}`);
}

// appendix.csv: RFC 4180 with quotes.
function csv(text) {
	const rows = [];
	let row = [], f = '', q = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (q) {
			if (c === '"' && text[i + 1] === '"') { f += '"'; i++; }
			else if (c === '"') q = false;
			else f += c;
		} else if (c === '"') q = true;
		else if (c === ',') { row.push(f); f = ''; }
		else if (c === '\n') { row.push(f.replace(/\r$/, '')); rows.push(row); row = []; f = ''; }
		else f += c;
	}
	if (f !== '' || row.length) { row.push(f); rows.push(row); }
	return rows;
}
const table = csv(fs.readFileSync(path.join(inDir, 'appendix.csv'), 'utf8'));
const head = table.shift();

// Body: paragraphs of runs [text, bold]; placeholders merged per row.
const paras = m[2].trim().split(/\n\s*\n/).map(p => p.replace(/\n/g, ' '));
for (const p of paras)
	if (/^(#|>|[-*+] |```|\||!\[|<)/.test(p) || /[_`\[]/.test(p))
		die(`dispatch.md: Markdown the peer cannot show: ${p.slice(0, 40)}`);
function merge(s, row) {
	return s.replace(/\{\{([^}]*)\}\}/g, (_, k) => {
		const i = head.indexOf(k.trim());
		if (i < 0) die(`no column ${k}`);
		return row[i];
	});
}
function runs(p, row) {
	return merge(p, row).split('**').map((t, i) => [t, i % 2 === 1]);
}

const so = process.env.SO || '1';
const [y, mo, dd] = (process.env.NGAY || '2022-04-05').split('-').map(Number);
const noi_ngay = `${fm.dia_danh}, ngày ${String(dd).padStart(2, '0')} tháng ` +
    `${String(mo).padStart(2, '0')} năm ${y}`;
const ngay_ngan = `ngày ${dd}/${mo}/${y}`;
const pl = fm.phu_luc ? fm.phu_luc.tieu_de : null;

const compiler = NodeCompiler.create({
	workspace: here,
	fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/liberation2'] }],
});
const main = fs.readFileSync(path.join(here, 'cong-van.typ'), 'utf8');
if (pl) {
	const cols = fm.phu_luc.cot.map(c => head.indexOf(c));
	if (cols.includes(-1)) die('phu_luc.cot: a column not in appendix.csv');
	compiler.mapShadow(path.join(here, 'table.json'), Buffer.from(JSON.stringify({
		cols: fm.phu_luc.cot, rows: table.map(r => cols.map(i => r[i])) })));
}
fs.mkdirSync(outDir, { recursive: true });
const width = String(table.length).length;
table.forEach((row, k) => {
	const data = {
		co_quan: fm.co_quan, co_quan_chu_thuong: fm.co_quan_chu_thuong,
		so, ky_hieu: fm.ky_hieu, trich_yeu: fm.trich_yeu, noi_ngay, ngay_ngan,
		kinh_gui: merge(fm.kinh_gui, row), body: paras.map(p => runs(p, row)),
		noi_nhan: fm.noi_nhan, quyen_han: fm.quyen_han, chuc_vu: fm.chuc_vu,
		nguoi_ky: fm.nguoi_ky, phu_luc: pl,
	};
	const pdf = compiler.pdf({ mainFileContent: main,
	    inputs: { data: JSON.stringify(data) } });
	fs.writeFileSync(path.join(outDir, `${String(k + 1).padStart(width, '0')}.pdf`), pdf);
	if (k % 10 === 9) compiler.evictCache(30);
});
