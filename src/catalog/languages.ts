/**
 * What code size counts: every language cloc knows, by cloc's own name, and its class.
 * `code` languages count towards `size.kloc` (the defect-density denominator); `data` and
 * `docs` are listed in the evidence's size table but not counted, unless a policy's
 * `settings.size.languages` says otherwise. The classes follow GitHub Linguist's types
 * (programming and markup count as a repository's languages; data and prose do not), with
 * the deviations docs/evidence.md lists.
 */

/** cloc 1.96's languages (`perl node_modules/cloc/lib/cloc --show-lang`); a test keeps them in step. */
export const CLOC_LANGUAGES: readonly string[] = [
  'ABAP', 'ActionScript', 'Ada', 'ADSO/IDSM', 'Agda', 'AMPLE', 'Ant', 'ANTLR Grammar', 'Apex Class', 'Apex Trigger',
  'APL', 'Arduino Sketch', 'AsciiDoc', 'ASP', 'ASP.NET', 'AspectJ', 'Assembly', 'AutoHotkey', 'awk', 'Bazel',
  'BizTalk Orchestration', 'BizTalk Pipeline', 'Blade', 'Bourne Again Shell', 'Bourne Shell', 'BrightScript',
  'builder', 'C', 'C Shell', 'C#', 'C# Designer', 'C++', 'C/C++ Header', 'Cairo', 'Cake Build Script', 'Carbon',
  'CCS', 'Chapel', 'Circom', 'Clean', 'Clojure', 'ClojureC', 'ClojureScript', 'CMake', 'COBOL', 'CoffeeScript',
  'ColdFusion', 'ColdFusion CFScript', 'Containerfile', 'Coq', 'Crystal', 'CSON', 'CSS', 'CSV', 'Cucumber', 'CUDA',
  'Cython', 'D', 'DAL', 'Dart', 'Delphi Form', 'DenizenScript', 'Derw', 'dhall', 'DIET', 'diff', 'DITA',
  'Dockerfile', 'DOORS Extension Language', 'DOS Batch', 'Drools', 'DTD', 'dtrace', 'ECPP', 'EEx', 'EJS', 'Elixir',
  'Elm', 'Embedded Crystal', 'ERB', 'Erlang', 'Expect', 'F#', 'F# Script', 'Fennel', 'Finite State Language',
  'Fish Shell', 'Flatbuffers', 'Focus', 'Forth', 'Fortran 77', 'Fortran 90', 'Fortran 95', 'Freemarker Template',
  'Futhark', 'FXML', 'GDScript', 'Gencat NLS', 'Glade', 'Gleam', 'GLSL', 'Go', 'Godot Resource', 'Godot Scene',
  'Godot Shaders', 'Gradle', 'Grails', 'GraphQL', 'Groovy', 'Haml', 'Handlebars', 'Harbour', 'Haskell', 'Haxe',
  'HCL', 'HLSL', 'HolyC', 'Hoon', 'HTML', 'HTML EEx', 'IDL', 'Idris', 'Igor Pro', 'Imba', 'INI', 'InstallShield',
  'IPL', 'Java', 'JavaScript', 'JavaServer Faces', 'JCL', 'Jinja Template', 'JSON', 'JSON5', 'JSP', 'JSX', 'Julia',
  'Juniper Junos', 'Jupyter Notebook', 'Kermit', 'Korn Shell', 'Kotlin', 'kvlang', 'Lean', 'Lem', 'LESS', 'lex',
  'LFE', 'liquid', 'Lisp', 'Literate Idris', 'LiveLink OScript', 'LLVM IR', 'Logos', 'Logtalk', 'Lua', 'm4', 'make',
  'Mako', 'Markdown', 'Mathematica', 'MATLAB', 'Maven', 'Meson', 'Metal', 'Modula3', 'Mojo', 'MSBuild script',
  'MUMPS', 'Mustache', 'MXML', 'NAnt script', 'NASTRAN DMAP', 'Nemerle', 'Nim', 'Nix', 'Nunjucks', 'Objective-C',
  'Objective-C++', 'OCaml', 'Odin', 'OpenCL', 'OpenSCAD', 'Oracle Forms', 'Oracle PL/SQL', 'Oracle Reports', 'P4',
  'Pascal', 'Pascal/Puppet', 'Patran Command Language', 'PEG', 'peg.js', 'peggy', 'Perl', 'Pest', 'PHP',
  'PHP/Pascal', 'Pig Latin', 'PL/I', 'PL/M', 'PlantUML', 'PO File', 'Pony', 'PowerBuilder', 'PowerShell', 'ProGuard',
  'Prolog', 'Properties', 'Protocol Buffers', 'Pug', 'PureScript', 'Python', 'QML', 'Qt', 'Qt Linguist',
  'Qt Project', 'R', 'Racket', 'Raku', 'Raku/Prolog', 'RAML', 'RapydScript', 'Razor', 'ReasonML', 'ReScript',
  'reStructuredText', 'Rexx', 'Ring', 'Rmd', 'RobotFramework', 'Ruby', 'Ruby HTML', 'Rust', 'SaltStack', 'SAS',
  'Sass', 'Scala', 'Scheme', 'SCSS', 'sed', 'SKILL', 'SKILL++', 'Slice', 'Slim', 'Smalltalk', 'Smarty',
  'Softbridge Basic', 'Solidity', 'SparForte', 'Specman e', 'SQL', 'SQL Data', 'SQL Stored Procedure', 'Squirrel',
  'Standard ML', 'Starlark', 'Stata', 'Stylus', 'SugarSS', 'Svelte', 'SVG', 'Swift', 'SWIG', 'TableGen', 'Tcl/Tk',
  'TEAL', 'Teamcenter met', 'Teamcenter mth', 'TeX', 'Text', 'Thrift', 'TITAN Project File Information',
  'Titanium Style Sheet', 'TNSDL', 'TOML', 'tspeg', 'TTCN', 'Twig', 'TypeScript', 'Umka', 'Unity-Prefab', 'Vala',
  'Vala Header', 'VB for Applications', 'Velocity Template Language', 'Verilog-SystemVerilog', 'VHDL', 'vim script',
  'Visual Basic', 'Visual Basic .NET', 'Visual Basic Script', 'Visual Fox Pro', 'Visual Studio Module',
  'Visual Studio Solution', 'Visualforce Component', 'Visualforce Page', 'Vuejs Component',
  'Web Services Description', 'WebAssembly', 'WGSL', 'Windows Message File', 'Windows Module Definition',
  'Windows Resource File', 'WiX include', 'WiX source', 'WiX string localization', 'WXML', 'WXSS', 'X++', 'XAML',
  'xBase', 'xBase Header', 'XHTML', 'XMI', 'XML', 'XQuery', 'XSD', 'XSLT', 'Xtend', 'yacc', 'YAML', 'Zig', 'zsh',
];

/** How a language is counted by default. */
export type LanguageClass = 'code' | 'data' | 'docs';

/** Data, configuration, build descriptors, translations and generated designer output. */
const DATA = [
  'CSV', 'JSON', 'JSON5', 'CSON', 'YAML', 'TOML', 'INI', 'Properties', 'XML', 'XSD', 'DTD', 'XMI', 'SVG',
  'Web Services Description', 'Maven', 'Ant', 'NAnt script', 'MSBuild script', 'Visual Studio Solution', 'Glade',
  'Qt Linguist', 'PO File', 'Gencat NLS', 'WiX string localization', 'Windows Message File', 'SQL Data',
  'Unity-Prefab', 'Godot Resource', 'Godot Scene', 'diff',
];

/** Prose and documentation markup. */
const DOCS = ['Markdown', 'reStructuredText', 'AsciiDoc', 'Text', 'TeX', 'Rmd', 'DITA'];

const CLASSES = new Map<string, LanguageClass>([...DATA.map((l) => [l, 'data'] as const), ...DOCS.map((l) => [l, 'docs'] as const)]);

/** The default class of a cloc language: `data` and `docs` as listed, every other language `code`. */
export function languageClass(language: string): LanguageClass {
  return CLASSES.get(language) ?? 'code';
}

/** The languages of one class, in cloc's order. */
export function languagesOf(cls: LanguageClass): string[] {
  return CLOC_LANGUAGES.filter((l) => languageClass(l) === cls);
}

const BY_LOWER = new Map(CLOC_LANGUAGES.map((l) => [l.toLowerCase(), l]));

/** cloc's spelling of a language name given in any letter case, or undefined when cloc has no such language. */
export function clocLanguage(name: string): string | undefined {
  return BY_LOWER.get(name.trim().toLowerCase());
}

/** Common file extensions and nicknames, for a did-you-mean when a policy names one instead of cloc's language. */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  yml: 'YAML', md: 'Markdown', markdown: 'Markdown', txt: 'Text', rst: 'reStructuredText', adoc: 'AsciiDoc', jsonc: 'JSON',
  ts: 'TypeScript', tsx: 'TypeScript', js: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript', py: 'Python', rb: 'Ruby',
  rs: 'Rust', golang: 'Go', kt: 'Kotlin', cs: 'C#', csharp: 'C#', cpp: 'C++', cxx: 'C++', h: 'C/C++ Header', hpp: 'C/C++ Header',
  sh: 'Bourne Shell', shell: 'Bourne Shell', bash: 'Bourne Again Shell', htm: 'HTML', makefile: 'make', docker: 'Dockerfile',
  proto: 'Protocol Buffers', protobuf: 'Protocol Buffers', terraform: 'HCL', tf: 'HCL', ps1: 'PowerShell', bat: 'DOS Batch',
};
