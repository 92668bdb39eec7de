# The plain-language grammar: a sentence in English or Chinese ("conv 24 filters 8x8 stride 2 on
# 128x128x3", "输入 128x128x3，卷积 24 个 8x8 滤波器，步长 2，然后最大池化 2x2") as a flat list of
# phrases. Each token is one phrase, except `key=value` (a slash-command option written in a
# sentence). Which number belongs to which word, where a layer starts and which concept is asked
# are decided after the parse, in one linear pass (src/parse/plain/plain-assemble.ts): a number
# can belong to the word before or after it, so a grammar that attached it would be ambiguous.
#
# Rules of this file (DESIGN.md, "Known hazards"):
# - no whitespace rules: whitespace never reaches the parser (the moo lexer drops it);
# - every rule is unambiguous: each token category appears in exactly one alternative of
#   `phrase`, and "=" only inside `key=value` (test/plain/phrasings.test.ts fails on a second parse);
# - the phrase list is left-recursive and grows through O(1) cons cells; it becomes an array only
#   in `main`, which ends with the synthetic END token and so completes once. No EBNF :* / :+.

@preprocessor typescript

@{%
import { lexer, type Phrase, type PlainToken } from "../plain/plain-lexer.js";

/** An immutable cons cell: the list grows in O(1) and prefixes stay valid for other derivations. */
interface Cons {
  readonly head: Phrase;
  readonly tail: Cons | null;
}

function toArray(list: Cons | null): Phrase[] {
  const out: Phrase[] = [];
  for (let c = list; c !== null; c = c.tail) out.push(c.head);
  return out.reverse();
}

const single = (d: PlainToken[]): Phrase => ({ tok: d[0] as PlainToken, value: null });
%}

@lexer lexer

main -> phrases %END                {% (d) => toArray(d[0]) %}

phrases -> null                     {% () => null %}
  | phrases phrase                  {% (d): Cons => ({ head: d[1], tail: d[0] }) %}

phrase -> value                     {% single %}
  | word                            {% single %}
  | %COMMA                          {% single %}
  | %SEP                            {% single %}
  | %FILLER                         {% single %}
  | word %EQ assigned               {% (d): Phrase => ({ tok: d[0], value: d[2] }) %}

assigned -> value                   {% id %}
  | word                            {% id %}

value -> %NUM                       {% id %}
  | %SIZE                           {% id %}
  | %SHAPE                          {% id %}

word -> %LAYER                      {% id %}
  | %MOD                            {% id %}
  | %ATTR                           {% id %}
  | %UNIT                           {% id %}
  | %COUNTER                        {% id %}
  | %INPUT                          {% id %}
  | %OUTPUT                         {% id %}
  | %PAD                            {% id %}
  | %FRAMEWORK                      {% id %}
  | %LAYOUT                         {% id %}
  | %CHANHINT                       {% id %}
  | %ACT                            {% id %}
  | %QUESTION                       {% id %}
  | %CUE                            {% id %}
  | %OP                             {% id %}
  | %WORD                           {% id %}
