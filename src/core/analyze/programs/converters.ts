import type { ShellWord } from "../shell/command.ts";
import { hasFlag, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";
import { itemsFromUpstream } from "./wrappers.ts";

/**
 * Programs that turn files into other files: media and document converters, archivers beyond tar and
 * zip, renamers and in-place fixers. Inputs become reads and outputs writes, so `ffmpeg -i a.mp4
 * ~/.bashrc` is a write to a protected file like any other. Each row's comment is its example.
 */

const read = (ctx: ProgramContext, w: ShellWord) => ctx.emit({ type: "read", ...ctx.path(w), span: w.span });
const write = (ctx: ProgramContext, w: ShellWord, note?: string) => ctx.emit({ type: "write", ...ctx.path(w), span: w.span, ...(note ? { note } : {}) });
const cwdWord = (ctx: ProgramContext): ShellWord => ({ ...ctx.words[0], value: "." });
const stdout = (w: ShellWord) => w.value === "-";

/** ffmpeg options that take no value; every other `-opt` consumes the next word. */
const FFMPEG_FLAGS = new Set(["-y", "-n", "-hide_banner", "-nostdin", "-stats", "-nostats", "-vn", "-an", "-sn", "-dn", "-shortest", "-re", "-copyts", "-benchmark", "-report", "-xerror", "-ignore_unknown"]);

// ffmpeg -i in.flac -ab 160k out.mp3 → read(in.flac), write(out.mp3)
const ffmpeg: ProgramHandler = (ctx) => {
  const w = ctx.words;
  for (let i = 1; i < w.length; i++) {
    const v = w[i].value;
    if (v === "-i" && w[i + 1]) read(ctx, w[++i]);
    else if (v.startsWith("-") && v !== "-") { if (!FFMPEG_FLAGS.has(v)) i++; }
    else if (!stdout(w[i]) && !/^[a-z]+:/.test(v)) write(ctx, w[i]);
  }
};

// convert in.png -resize 50% out.png → read(in.png), write(out.png); mogrify -resize 50% *.png → write(*.png)
const imagemagick = (inPlace: boolean): ProgramHandler => (ctx) => {
  const words = ["convert", "mogrify", "montage", "composite"].includes(ctx.words[1]?.value ?? "") ? ctx.words.slice(1) : ctx.words;
  const files = words.slice(1).filter((w) => !/^[-+]/.test(w.value) && /[./]/.test(w.value) && !/^[\d.]+%?$/.test(w.value));
  if (inPlace || ctx.words[1]?.value === "mogrify") return files.forEach((f) => write(ctx, f));
  files.slice(0, -1).forEach((f) => read(ctx, f));
  const out = files[files.length - 1];
  if (out && !/^[a-z]+:-$/.test(out.value)) write(ctx, out);
};

// pdftotext in.pdf out.txt → read(in.pdf), write(out.txt); `-` is stdout
const inputThenOutput = (takesValue: string[]): ProgramHandler => (ctx) => {
  const [input, output] = operands(ctx.words, new Set(takesValue));
  if (input) read(ctx, input);
  if (output && !stdout(output)) write(ctx, output);
};

// rename 's/\.compiled$//' *.js.compiled → write(each file); util-linux: rename .htm .html *.htm
const rename: ProgramHandler = (ctx) => {
  const ops = operands(ctx.words, new Set(["-e", "-E"]));
  const perlExpr = /^(s|y|tr)(\W).*\2/.test(ops[0]?.value ?? "") || hasFlag(ctx.words, "", ["-e"]);
  ops.slice(perlExpr ? 1 : 2).forEach((w) => write(ctx, w));
};

// dos2unix a.txt, strip bin/app, ranlib lib.a, mkfifo pipe → write(each operand)
const inPlace: ProgramHandler = (ctx) => operands(ctx.words, new Set(["-m", "--mode", "-o", "-n"])).forEach((w) => write(ctx, w));

// bunzip2 f.bz2, zstd f, unxz f.xz → write(beside each operand); with -c/--stdout only reads
const compressor: ProgramHandler = (ctx) => {
  const toStdout = hasFlag(ctx.words, "c", ["--stdout", "--to-stdout"]);
  const out = optionValue(ctx.words, ["-o", "--output"]);
  for (const w of operands(ctx.words, new Set(["-o", "--output", "-T", "--threads", "-S", "--suffix", "-B"]))) (toStdout || out ? read(ctx, w) : write(ctx, w));
  if (out && !stdout(out)) write(ctx, out);
};

// find src | cpio -o > a.cpio → reads what find lists; cpio -i < a.cpio → extracts into cwd; cpio -p dir → copies into dir
const cpio: ProgramHandler = (ctx) => {
  if (hasFlag(ctx.words, "i", ["--extract"])) return write(ctx, cwdWord(ctx), "extract destination");
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
  if (["a", "u", "d", "rn"].includes(v)) (write(ctx, archive), files.forEach((f) => read(ctx, f)));
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
