import type { ShellWord } from "../shell/command.ts";
import { allOptionValues, hasFlag, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";
import { read, write } from "./files.ts";
import { itemsFromUpstream } from "./find-xargs.ts";

/**
 * Programs that turn files into other files: media and document converters, archivers beyond tar and
 * zip, renamers and in-place fixers. Inputs become reads and outputs writes, so `ffmpeg -i a.mp4
 * ~/.bashrc` is a write to a protected file like any other. Each row's comment is its example.
 */

const cwdWord = (ctx: ProgramContext): ShellWord => ({ ...ctx.words[0], value: "." });
const stdout = (w: ShellWord) => w.value === "-";

/** ffmpeg options that take no value; every other `-opt` consumes the next word. */
const FFMPEG_FLAGS = new Set(["-y", "-n", "-hide_banner", "-nostdin", "-stats", "-nostats", "-vn", "-an", "-sn", "-dn", "-shortest", "-re", "-copyts", "-benchmark", "-report", "-xerror", "-ignore_unknown"]);

/**
 * Media tools name inputs and outputs with prefixes: `file:x`, `ppm:x` (a format), `http://…` (a
 * network stream), `|cmd` (ImageMagick runs it). A prefix we do not know is not a safe guess.
 */
function mediaTarget(ctx: ProgramContext, w: ShellWord, role: "in" | "out"): void {
  const v = w.value;
  if (v.startsWith("|")) return ctx.emit({ type: "dynamic", reason: `"${v.slice(0, 40)}" makes the program run a command`, span: w.span });
  const url = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v);
  if (url && !/^file$/i.test(url[1])) {
    const host = v.replace(/^[a-z0-9+.-]+:\/\/(?:[^@/]*@)?([^/:?#]+).*$/i, "$1");
    return ctx.emit({ type: "net", direction: role === "in" ? "download" : "upload", host, url: v, ...(role === "out" ? { payload: "data" as const } : {}), span: w.span });
  }
  const bare = { ...w, value: v.replace(/^file:(\/\/)?/i, "").replace(/^[A-Za-z0-9]{2,12}:(?!\/\/)/, "") };
  if (bare.value === "" || bare.value === "-") return;
  (role === "in" ? read : write)(ctx, bare);
}

// ffmpeg -i in.flac -ab 160k out.mp3 → read(in.flac), write(out.mp3); an http:// output is an upload
const ffmpeg: ProgramHandler = (ctx) => {
  const w = ctx.words;
  for (let i = 1; i < w.length; i++) {
    const v = w[i].value;
    if (v === "-i" && w[i + 1]) mediaTarget(ctx, w[++i], "in");
    else if (v.startsWith("-") && v !== "-") { if (!FFMPEG_FLAGS.has(v)) i++; }
    else if (!stdout(w[i])) mediaTarget(ctx, w[i], "out");
  }
};

// convert in.png -resize 50% out.png → read(in.png), write(out.png); mogrify -resize 50% *.png → write(*.png)
const imagemagick = (inPlace: boolean): ProgramHandler => (ctx) => {
  const words = ["convert", "mogrify", "montage", "composite"].includes(ctx.words[1]?.value ?? "") ? ctx.words.slice(1) : ctx.words;
  const inPlaceNow = inPlace || ctx.words[1]?.value === "mogrify";
  // -write names another output; any word with a path, a prefix or a pipe is a file (or worse).
  for (let i = 1; i < words.length; i++) if (words[i].value === "-write" && words[i + 1]) mediaTarget(ctx, words[++i], "out");
  const files = words.slice(1).filter((w, i, all) => !/^[-+]/.test(w.value) && all[i - 1]?.value !== "-write" && /[./:|]/.test(w.value) && !/^[\d.]+%?$/.test(w.value));
  if (inPlaceNow) return files.forEach((f) => mediaTarget(ctx, f, "out"));
  files.slice(0, -1).forEach((f) => mediaTarget(ctx, f, "in"));
  const out = files[files.length - 1];
  if (out) mediaTarget(ctx, out, "out");
};

// pdftotext in.pdf out.txt → read(in.pdf), write(out.txt); `-` is stdout
const inputThenOutput = (takesValue: string[]): ProgramHandler => (ctx) => {
  const [input, output] = operands(ctx.words, new Set(takesValue));
  if (input) read(ctx, input);
  if (output && !stdout(output)) write(ctx, output);
};

// rename 's/\.compiled$//' *.js.compiled → write(each file); util-linux: rename .htm .html *.htm.
// Perl rename's expression is Perl code (`s/a/system("…")/e`): it is scanned as such.
const rename: ProgramHandler = (ctx) => {
  const ops = operands(ctx.words, new Set(["-e", "-E"]));
  const exprs = allOptionValues(ctx.words, ["-e", "-E"]);
  const perlExpr = exprs.length === 0 && /^(s|y|tr)(\W).*\2/.test(ops[0]?.value ?? "");
  for (const e of [...exprs, ...(perlExpr ? [ops[0]] : [])]) {
    if (/\/[a-z]*e[a-z]*$|system|exec|`|qx|open|unlink|require|eval/.test(e.value)) ctx.emit({ type: "dynamic", reason: "the rename expression runs Perl code", span: e.span });
  }
  ops.slice(exprs.length ? 0 : perlExpr ? 1 : 2).forEach((w) => write(ctx, w));
};

// dos2unix a.txt, strip bin/app, ranlib lib.a, mkfifo pipe → write(each operand)
const inPlace: ProgramHandler = (ctx) => operands(ctx.words, new Set(["-m", "--mode", "-o", "-n"])).forEach((w) => write(ctx, w));

// bunzip2 f.bz2, zstd f, unxz f.xz → write(beside each operand); with -c/--stdout only reads;
// zstd/lz4 --rm delete their sources
const compressor: ProgramHandler = (ctx) => {
  const toStdout = hasFlag(ctx.words, "c", ["--stdout", "--to-stdout"]);
  const out = optionValue(ctx.words, ["-o", "--output"]);
  const removes = ctx.words.some((w) => w.value === "--rm");
  for (const w of operands(ctx.words, new Set(["-o", "--output", "-T", "--threads", "-S", "--suffix", "-B"]))) {
    if (removes) ctx.emit({ type: "delete", ...ctx.path(w), recursive: false, span: w.span });
    else (toStdout || out ? read(ctx, w) : write(ctx, w));
  }
  if (out && !stdout(out)) write(ctx, out);
};

// find src | cpio -o > a.cpio → reads what find lists; cpio -i < a.cpio → extracts into cwd; cpio -p dir → copies into dir
const cpio: ProgramHandler = (ctx) => {
  if (hasFlag(ctx.words, "i", ["--extract"])) {
    // GNU cpio keeps absolute member names unless told not to: they may land anywhere.
    if (!ctx.words.some((w) => w.value === "--no-absolute-filenames")) return ctx.emit({ type: "write", path: "(absolute names inside the archive)", class: "unknown", note: "extract destination", span: ctx.cmd.span });
    return write(ctx, cwdWord(ctx), "extract destination");
  }
  read(ctx, itemsFromUpstream(ctx));
  if (hasFlag(ctx.words, "p", ["--pass-through"])) {
    const dest = operands(ctx.words, new Set(["-H", "--format", "-F", "--file", "-I", "-O", "-R", "--owner", "-E", "--pattern-file"]))[0];
    if (dest) write(ctx, dest, "copy destination");
  }
};

// 7z a out.7z src/ → write(out.7z), read(src/); 7z x a.7z -oDIR → write(DIR); 7z l a.7z → read(a.7z)
const sevenZip: ProgramHandler = (ctx) => {
  const [verb, archive, ...files] = operands(ctx.words).map((w) => w);
  if (!verb || !archive) return;
  const v = verb.value.toLowerCase();
  // -sdel deletes the files once they are in the archive.
  const sdel = ctx.words.some((w) => w.value === "-sdel");
  if (["a", "u", "d", "rn"].includes(v)) (write(ctx, archive), files.forEach((f) => (sdel ? ctx.emit({ type: "delete", ...ctx.path(f), recursive: true, span: f.span }) : read(ctx, f))));
  else if (["x", "e"].includes(v)) {
    read(ctx, archive);
    const out = ctx.words.find((w) => w.value.startsWith("-o") && w.value.length > 2);
    write(ctx, out ? { ...out, value: out.value.slice(2) } : cwdWord(ctx), "extract destination");
  } else read(ctx, archive);
};

// csplit notes.txt '/^#/' '{*}' → read(notes.txt), write(xx00, xx01, … in cwd)
const csplit: ProgramHandler = (ctx) => {
  const [input] = operands(ctx.words, new Set(["-f", "--prefix", "-b", "--suffix-format", "-n", "--digits"]));
  if (input && !stdout(input)) read(ctx, input);
  const prefix = optionValue(ctx.words, ["-f", "--prefix"]);
  write(ctx, { ...(prefix ?? ctx.words[0]), value: `${prefix?.value ?? "xx"}*` });
};

// ar rcs lib.a a.o b.o → write(lib.a), read(a.o b.o); ar t lib.a → read(lib.a); ar x lib.a → extract into cwd
const ar: ProgramHandler = (ctx) => {
  const [keys, archive, ...members] = operands(ctx.words);
  if (!keys || !archive) return;
  const k = keys.value.replace(/^-/, "");
  if (/[rqdm]/.test(k)) (write(ctx, archive), members.forEach((m) => read(ctx, m)));
  else if (k.includes("x")) (read(ctx, archive), write(ctx, cwdWord(ctx), "extract destination"));
  else read(ctx, archive);
};

export const CONVERTER_PROGRAMS: Record<string, ProgramHandler> = {
  ffmpeg, convert: imagemagick(false), magick: imagemagick(false), mogrify: imagemagick(true),
  pdftotext: inputThenOutput(["-f", "-l", "-enc", "-eol", "-opw", "-upw", "-r", "-x", "-y", "-W", "-H"]),
  pdftoppm: inputThenOutput(["-f", "-l", "-r", "-scale-to", "-x", "-y", "-W", "-H"]),
  rename, "perl-rename": rename, prename: rename,
  dos2unix: inPlace, unix2dos: inPlace, strip: inPlace, ranlib: inPlace, mkfifo: inPlace,
  bunzip2: compressor, unxz: compressor, zstd: compressor, unzstd: compressor, lz4: compressor, unlz4: compressor, lzma: compressor, unlzma: compressor, pigz: compressor, unpigz: compressor,
  cpio, "7z": sevenZip, "7za": sevenZip, "7zr": sevenZip, csplit, ar,
};
