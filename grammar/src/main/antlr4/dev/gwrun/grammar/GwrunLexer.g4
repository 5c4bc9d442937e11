// Lexer of the gwrun runbook language. Grammar only: no actions, no predicates.
//
// Strings interpolate `${expr}`. That needs nested lexing, done with modes alone:
// every '{' pushes DEFAULT_MODE and every '}' pops, so the '}' that closes an
// interpolation returns to the string mode that opened it. The parse entry point
// guards against popping an empty mode stack (a stray '}' at top level).
lexer grammar GwrunLexer;

// Keywords
RUNBOOK     : 'runbook';
DESCRIPTION : 'description';
PARAM       : 'param';
LET         : 'let';
GUARD       : 'guard';
ELSE        : 'else';
STEP        : 'step';
WHEN        : 'when';
TIMEOUT     : 'timeout';
RETRY       : 'retry';
BACKOFF     : 'backoff';
ON          : 'on';
FAILURE     : 'failure';
WAIT        : 'wait';
UNTIL       : 'until';
EVERY       : 'every';
PARALLEL    : 'parallel';
ALWAYS      : 'always';
IF          : 'if';
FOR         : 'for';
IN          : 'in';
FN          : 'fn';
RETURN      : 'return';
FAIL        : 'fail';
LOG         : 'log';
CONFIRM     : 'confirm';
RUN         : 'run';
WITH        : 'with';
RECOVER     : 'recover';
ONCE        : 'once';
LOCK        : 'lock';
AND         : 'and';
OR          : 'or';
NOT         : 'not';
TRUE        : 'true';
FALSE       : 'false';
NULL        : 'null';

// Literals. A duration is one or more number+unit pairs: 250ms, 2s, 5m, 1h, 1d, 1m30s.
DURATION    : (DIGITS ('ms' | 's' | 'm' | 'h' | 'd'))+;
FLOAT       : DIGITS '.' DIGITS;
INT         : DIGITS;
// A number run into letters (5sec, 1.5s, 10x): one token, so it is reported whole. Listed after
// DURATION, which wins the ties (5s, 1m30s).
BAD_NUMBER  : DIGITS ('.' DIGITS)? [a-zA-Z_] [a-zA-Z0-9_]*;
TRIPLE_OPEN : '"""' -> pushMode(TRIPLE);
DQUOTE      : '"' -> pushMode(STR);

IDENT       : [a-zA-Z_] [a-zA-Z0-9_]*;

// Punctuation and operators
LBRACE      : '{' -> pushMode(DEFAULT_MODE);
RBRACE      : '}' -> popMode;
LPAREN      : '(';
RPAREN      : ')';
LBRACK      : '[';
RBRACK      : ']';
COMMA       : ',';
COLON       : ':';
SEMI        : ';';
DOT         : '.';
EQ          : '==';
NEQ         : '!=';
LE          : '<=';
GE          : '>=';
LT          : '<';
GT          : '>';
ASSIGN      : '=';
PLUS        : '+';
MINUS       : '-';
STAR        : '*';
SLASH       : '/';
PERCENT     : '%';

// A first-line shebang (#!/usr/bin/env gwrun) is an ordinary comment.
COMMENT     : '#' ~[\r\n]* -> channel(HIDDEN);
NEWLINE     : ('\r'? '\n' | '\r') -> channel(HIDDEN);
WS          : [ \t\f]+ -> channel(HIDDEN);

// Anything else is one bad character; the parser reports it with its position.
BAD_CHAR    : .;

fragment DIGITS : [0-9] ('_'? [0-9])*;

// Inside "...": text, escapes, and ${ interpolations }.
mode STR;
STR_CLOSE   : '"' -> popMode;
STR_INTERP  : '${' -> pushMode(DEFAULT_MODE);
STR_ESCAPE  : '\\' ~[\r\n];
STR_DOLLAR  : '$';
STR_TEXT    : ~["\\$\r\n]+;
// A newline ends the string mode so an unterminated string is reported on its own line.
STR_NEWLINE : ('\r'? '\n' | '\r') -> popMode;

// Inside """...""": like a string, but newlines and lone quotes are text.
mode TRIPLE;
TRIPLE_CLOSE  : '"""' -> popMode;
TRIPLE_INTERP : '${' -> pushMode(DEFAULT_MODE);
TRIPLE_ESCAPE : '\\' .;
TRIPLE_DOLLAR : '$';
TRIPLE_QUOTE  : '"';
TRIPLE_TEXT   : ~["\\$]+;
