# The error messages people paste without (or with) their code: PyTorch's and Keras'/TensorFlow's
# shape errors, as the frameworks print them, each to a fact with its numbers
# (src/parse/errors/pasted-error.ts). The caller starts a parse at each token that can begin a
# message and keeps the longest complete one, so text around the message never reaches the grammar.
#
# Rules of this file (DESIGN.md, "Known hazards"): no whitespace rules (the lexer drops it); every
# message starts with its own word sequence, so each parse is unique; no EBNF repetition except
# the comma-separated number lists, which are left-recursive.

@preprocessor typescript

@{%
import { ERROR_TOKEN_TYPES, type ErrorToken } from "../errors/error-lexer.js";
import { grammarLexer } from "../token-feeder.js";
import type { PastedError } from "../errors/pasted-error.js";

const num = (d: unknown[]): number => Number((d[0] as ErrorToken).text);
const dims = (d: unknown[]): number[] => (d[0] as ErrorToken).text.split("x").map(Number);
const lexer = grammarLexer<ErrorToken>(ERROR_TOKEN_TYPES);
%}

@lexer lexer

main -> error {% (d): PastedError => d[0] %}

error -> matmul {% id %} | channels {% id %} | view {% id %} | ndim {% id %} | negdim {% id %}
  | computed {% id %} | toosmall {% id %} | axis {% id %} | running {% id %} | rnn {% id %}
  | cat {% id %} | broadcast {% id %} | kernel {% id %}

matmul -> "mat1" "and" "mat2" "shapes" "cannot" "be" "multiplied" "(" dims "and" dims ")"
  {% (d, _l, reject) => (d[8].length === 2 && d[10].length === 2 ? { kind: "matmul", a: d[8], b: d[10] } : reject) %}

channels -> "Given" "groups" "=" int "," "weight" "of" "size" list "," "expected" "input" list "to" "have" int "channels" "," "but" "got" int "channels" "instead"
  {% (d, _l, reject) => (d[8].length >= 3 && d[12].length >= 3 ? { kind: "channels", groups: d[3], weight: d[8], input: d[12], expected: d[15], got: d[20] } : reject) %}

view -> "shape" "'" list "'" "is" "invalid" "for" "input" "of" "size" int
  {% (d): PastedError => ({ kind: "view", target: d[2], size: d[10] }) %}

ndim -> "expected" ndimWord "=" int "," "found" "ndim" "=" int received
  {% (d): PastedError => ({ kind: "ndim", expected: d[3], found: d[8], shape: d[9] }) %}

ndimWord -> "ndim" | "min_ndim" | "max_ndim"

received -> null {% () => null %}
  | "." "Full" "shape" "received" ":" tuple {% (d) => d[5] %}

negdim -> "Negative" "dimension" "size" "caused" "by" "subtracting" int "from" int
  {% (d): PastedError => ({ kind: "negdim", kernel: d[6], size: d[8] }) %}

computed -> "Computed" "output" "size" "would" "be" "zero" "or" "negative" computedDetail
  {% (d): PastedError => ({ kind: "computed", ...(d[8] ?? { input: null, kernel: null }) }) %}

computedDetail -> null {% () => null %}
  | "." "Received" "`" "inputs" "shape" "=" tuple "`" "," "`" "kernel" "shape" "=" tuple "`"
  {% (d) => ({ input: d[6], kernel: d[13] }) %}

toosmall -> "Given" "input" "size" ":" "(" dims ")" "." "Calculated" "output" "size" ":" "(" dims ")" "." "Output" "size" "is" "too" "small"
  {% (d, _l, reject) => (d[5].length >= 2 && d[13].length >= 2 ? { kind: "toosmall", input: d[5], output: d[13] } : reject) %}

axis -> "expected" "axis" int "of" "input" "shape" "to" "have" "value" int "," "but" "received" "input" "with" "shape" tuple
  {% (d, _l, reject) => (d[16].length >= 1 ? { kind: "axis", axis: d[2], expected: d[9], shape: d[16] } : reject) %}

running -> "running_mean" "should" "contain" int "elements" "not" int
  {% (d): PastedError => ({ kind: "running", actual: d[3], declared: d[6] }) %}

rnn -> "input.size" "(" int ")" "must" "be" "equal" "to" "input_size" "." "Expected" int "," "got" int
  {% (d): PastedError => ({ kind: "rnn", declared: d[11], actual: d[14] }) %}

cat -> "Sizes" "of" "tensors" "must" "match" "except" "in" "dimension" int "." "Expected" "size" int "but" "got" "size" int "for" "tensor" "number" int "in" "the" "list"
  {% (d): PastedError => ({ kind: "cat", dim: d[8], expected: d[12], got: d[16], tensor: d[20] }) %}

broadcast -> "The" "size" "of" "tensor" "a" "(" int ")" "must" "match" "the" "size" "of" "tensor" "b" "(" int ")" "at" "non" "-" "singleton" "dimension" int
  {% (d): PastedError => ({ kind: "broadcast", a: d[6], b: d[16], dim: d[23] }) %}

kernel -> "Calculated" "padded" "input" "size" "per" "channel" ":" "(" xdims ")" "." "Kernel" "size" ":" "(" xdims ")"
  {% (d): PastedError => ({ kind: "kernel", input: d[8], kernel: d[15] }) %}

int -> %INT {% num %}
# "(2 x 2)": sizes with a spaced x.
xdims -> int {% (d) => [d[0]] %} | xdims "x" int {% (d) => [...d[0], d[2]] %}
dims -> %DIMS {% dims %} | %INT {% (d) => [num(d)] %}

# [32, 3, 3, 3] and (None, 28, 28): sizes separated by commas, a trailing comma allowed.
list -> "[" items "]" {% (d) => d[1] %}
  | "[" "]" {% () => [] %}
tuple -> "(" items ")" {% (d) => d[1] %}
  | "(" items "," ")" {% (d) => d[1] %}
  | "(" ")" {% () => [] %}
items -> item {% (d) => [d[0]] %}
  | items "," item {% (d) => [...d[0], d[2]] %}
item -> %INT {% num %} | "None" {% () => null %}
