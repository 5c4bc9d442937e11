// Parser of the gwrun runbook language. Grammar only: every alternative that the AST
// builder distinguishes is labelled, and there are no actions or predicates.
//
// Newlines are not tokens: statements are separated by their keywords, with ';'
// allowed. The one ambiguity this leaves (a '(' or '[' starting a line continues the
// expression above) is reported by the AST builder, as Lua does.
parser grammar GwrunParser;

options { tokenVocab = GwrunLexer; }

// ---- Entry points ------------------------------------------------------------------

/** A .gwrun file: exactly one runbook. */
file
    : runbook EOF
    ;

/** What the REPL reads: statements and declarations, no runbook wrapper. */
replInput
    : runbookItem* EOF
    ;

runbook
    : RUNBOOK name=string LBRACE runbookItem* RBRACE
    ;

runbookItem
    : DESCRIPTION string                                  # DescriptionItem
    | PARAM IDENT COLON typeName=IDENT (ASSIGN expr)?     # ParamItem
    | ON FAILURE block                                    # OnFailureItem
    | ALWAYS block                                        # AlwaysItem
    | statement                                           # StatementItem
    ;

// ---- Statements --------------------------------------------------------------------

block
    : LBRACE statement* RBRACE
    ;

statement
    : LET IDENT ASSIGN expr                                         # LetStmt
    | target=postfixExpr ASSIGN expr                                # AssignStmt
    | GUARD expr ELSE expr                                          # GuardStmt
    | STEP name=expr stepOption* body=block (ON FAILURE handler=block)?   # StepStmt
    | PARALLEL block                                                # ParallelStmt
    | WAIT UNTIL cond=expr waitOption*                              # WaitStmt
    | IF expr block elseClause?                                     # IfStmt
    | FOR IDENT IN expr block                                       # ForStmt
    | FN IDENT LPAREN (IDENT (COMMA IDENT)* COMMA?)? RPAREN block   # FnStmt
    | RETURN expr?                                                  # ReturnStmt
    | FAIL expr                                                     # FailStmt
    | LOG expr                                                      # LogStmt
    | CONFIRM expr                                                  # ConfirmStmt
    | RUN expr (WITH expr)?                                         # RunStmt
    | RECOVER                                                       # RecoverStmt
    | LOCK name=expr (TIMEOUT timeout=expr)? body=block             # LockStmt
    | SEMI                                                          # EmptyStmt
    | expr                                                          # ExprStmt
    ;

stepOption
    : WHEN expr                                 # WhenOption
    | TIMEOUT expr                              # StepTimeoutOption
    | RETRY expr (BACKOFF backoff=expr)?        # RetryOption
    | ONCE                                      # OnceOption
    ;

waitOption
    : EVERY expr                                # EveryOption
    | TIMEOUT expr                              # WaitTimeoutOption
    ;

elseClause
    : ELSE IF expr block elseClause?            # ElseIfClause
    | ELSE block                                # ElseBlockClause
    ;

// ---- Expressions --------------------------------------------------------------------
// ANTLR gives the first alternative of a left-recursive rule the tightest binding, so
// these run from tightest (postfix, unary minus) to loosest (or).

expr
    : postfixExpr                                           # PostfixItem
    | MINUS expr                                            # NegateExpr
    | left=expr op=(STAR | SLASH | PERCENT) right=expr      # MulExpr
    | left=expr op=(PLUS | MINUS) right=expr                # AddExpr
    | left=expr NOT? IN right=expr                          # InExpr
    | left=expr op=(EQ | NEQ | LT | LE | GT | GE) right=expr # CompareExpr
    | NOT expr                                              # NotExpr
    | left=expr AND right=expr                              # AndExpr
    | left=expr OR right=expr                               # OrExpr
    ;

postfixExpr
    : postfixExpr DOT anyName                               # MemberExpr
    | postfixExpr LPAREN arguments? RPAREN                  # CallExpr
    | postfixExpr LBRACK expr RBRACK                        # IndexExpr
    | primary                                               # PrimaryItem
    ;

arguments
    : argument (COMMA argument)* COMMA?
    ;

argument
    : anyName COLON expr                                    # NamedArgument
    | expr                                                  # PositionalArgument
    ;

primary
    : INT                                                   # IntLiteral
    | FLOAT                                                 # FloatLiteral
    | DURATION                                              # DurationLiteral
    | string                                                # StringLiteral
    | TRUE                                                  # TrueLiteral
    | FALSE                                                 # FalseLiteral
    | NULL                                                  # NullLiteral
    | IDENT                                                 # NameExpr
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK            # ListLiteral
    | LBRACE (mapEntry (COMMA mapEntry)* COMMA?)? RBRACE    # MapLiteral
    | LPAREN expr RPAREN                                    # ParenExpr
    ;

mapEntry
    : (anyName | string) COLON expr
    ;

string
    : DQUOTE stringPart* close=(STR_CLOSE | STR_NEWLINE)    # QuotedString
    | TRIPLE_OPEN triplePart* TRIPLE_CLOSE                  # TripleString
    ;

stringPart
    : STR_TEXT                                              # TextPart
    | STR_ESCAPE                                            # EscapePart
    | STR_DOLLAR                                            # DollarPart
    | STR_INTERP expr RBRACE                                # InterpPart
    ;

triplePart
    : (TRIPLE_TEXT | TRIPLE_QUOTE | TRIPLE_DOLLAR)          # TripleTextPart
    | TRIPLE_ESCAPE                                         # TripleEscapePart
    | TRIPLE_INTERP expr RBRACE                             # TripleInterpPart
    ;

/** Member names, named arguments and map keys may be keywords: error.step, timeout: 5s. */
anyName
    : IDENT | RUNBOOK | DESCRIPTION | PARAM | LET | GUARD | ELSE | STEP | WHEN | TIMEOUT
    | RETRY | BACKOFF | ON | FAILURE | WAIT | UNTIL | EVERY | PARALLEL | ALWAYS | IF | FOR
    | IN | FN | RETURN | FAIL | LOG | CONFIRM | RUN | WITH | RECOVER | ONCE | LOCK | AND | OR | NOT
    | TRUE | FALSE | NULL
    ;
