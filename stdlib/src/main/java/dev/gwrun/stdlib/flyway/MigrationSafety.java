package dev.gwrun.stdlib.flyway;

import dev.gwrun.stdlib.flyway.SqlLexer.Kind;
import dev.gwrun.stdlib.flyway.SqlLexer.Statement;
import dev.gwrun.stdlib.flyway.SqlLexer.Token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The migration-safety policy: finds destructive operations in SQL migrations, by statement, after
 * lexing, so comments, string literals and case cannot fool it. DROP TABLE, DROP COLUMN and TRUNCATE
 * are critical; ALTER … TYPE, RENAME COLUMN and RENAME TABLE high; SET NOT NULL and DROP CONSTRAINT
 * medium. The body of a {@code DO} block runs at migration time, so it is analysed too; function
 * bodies only run when called later, so they are not.
 */
public final class MigrationSafety {
    private static final int STATEMENT_LIMIT = 120;

    private MigrationSafety() {}

    /** How bad an operation is for a running application (blue-green: the old version still runs). */
    public enum Severity {
        CRITICAL, HIGH, MEDIUM;

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * One destructive operation.
     *
     * @param file      the migration's file name ({@code V3__drop_legacy.sql})
     * @param path      where the file is, for messages that point at it
     * @param line      the 1-based line of the operation
     * @param operation the policy's name for it ({@code DROP COLUMN})
     * @param statement the statement, whitespace collapsed and shortened
     */
    public record Finding(String file, Path path, int line, Severity severity, String operation, String statement) {
        /** {@code V3__drop_legacy.sql:4: critical DROP TABLE: DROP TABLE legacy_users}. */
        public String describe() {
            return file + ":" + line + ": " + severity.label() + " " + operation + ": " + statement;
        }
    }

    /** The findings of the SQL files given, in file then line order. */
    public static List<Finding> analyse(List<Path> files) throws IOException {
        List<Finding> out = new ArrayList<>();
        for (Path f : files) out.addAll(analyse(f.getFileName().toString(), f, Files.readString(f, StandardCharsets.UTF_8)));
        return out;
    }

    /** The findings of one script's text. */
    public static List<Finding> analyse(String file, Path path, String sql) {
        List<Finding> out = new ArrayList<>();
        script(file, path, sql, 0, false, out);
        out.sort(Comparator.comparingInt(Finding::line));
        return out;
    }

    private static void script(String file, Path path, String sql, int lineOffset, boolean plpgsql, List<Finding> out) {
        for (Statement st : SqlLexer.statements(sql)) {
            List<Token> t = st.tokens();
            // In a DO body, "BEGIN DROP TABLE x;" is a block opening followed by a statement.
            int from = 0;
            while (plpgsql && from < t.size() && (t.get(from).is("BEGIN") || t.get(from).is("ELSE") || t.get(from).is("LOOP"))) from++;
            statement(new Ctx(file, path, lineOffset, shown(st.text()), out), t.subList(from, t.size()), plpgsql);
        }
    }

    private record Ctx(String file, Path path, int lineOffset, String statement, List<Finding> out) {
        void add(Token at, Severity s, String operation) {
            out.add(new Finding(file, path, at.line() + lineOffset, s, operation, statement));
        }
    }

    private static void statement(Ctx ctx, List<Token> t, boolean plpgsql) {
        if (t.isEmpty()) return;
        Token first = t.get(0);
        if (first.is("DROP") && at(t, 1, "TABLE")) ctx.add(first, Severity.CRITICAL, "DROP TABLE");
        else if (first.is("TRUNCATE")) ctx.add(first, Severity.CRITICAL, "TRUNCATE");
        else if (first.is("ALTER") && at(t, 1, "TABLE")) alterTable(ctx, t);
        else if (first.is("DO") || (plpgsql && first.is("EXECUTE"))) {
            for (Token body : t) {
                if (body.kind() == Kind.DOLLAR_STRING || body.kind() == Kind.STRING) {
                    script(ctx.file(), ctx.path(), body.text(), ctx.lineOffset() + body.line() - 1, true, ctx.out());
                }
            }
        }
    }

    /** ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, action …]. */
    private static void alterTable(Ctx ctx, List<Token> t) {
        int i = 2;
        if (at(t, i, "IF") && at(t, i + 1, "EXISTS")) i += 2;
        if (at(t, i, "ONLY")) i++;
        i = skipName(t, i);
        if (i < t.size() && t.get(i).isPunct("*")) i++;
        for (List<Token> action : actions(t, i)) action(ctx, action);
    }

    private static void action(Ctx ctx, List<Token> a) {
        if (a.isEmpty()) return;
        Token verb = a.get(0);
        if (verb.is("DROP")) {
            if (at(a, 1, "CONSTRAINT")) ctx.add(verb, Severity.MEDIUM, "DROP CONSTRAINT");
            else ctx.add(verb, Severity.CRITICAL, "DROP COLUMN");
        } else if (verb.is("RENAME")) {
            if (at(a, 1, "TO")) ctx.add(verb, Severity.HIGH, "RENAME TABLE");
            else if (!at(a, 1, "CONSTRAINT")) ctx.add(verb, Severity.HIGH, "RENAME COLUMN");
        } else if (verb.is("ALTER") && !at(a, 1, "CONSTRAINT")) {
            int i = at(a, 1, "COLUMN") ? 2 : 1;
            i++; // the column's name, which may itself be "type"
            if (at(a, i, "TYPE") || (at(a, i, "SET") && at(a, i + 1, "DATA") && at(a, i + 2, "TYPE"))) {
                ctx.add(verb, Severity.HIGH, "ALTER COLUMN TYPE");
            } else if (at(a, i, "SET") && at(a, i + 1, "NOT") && at(a, i + 2, "NULL")) {
                ctx.add(verb, Severity.MEDIUM, "SET NOT NULL");
            }
        }
    }

    /** The actions of an ALTER TABLE, split at commas outside parentheses. */
    private static List<List<Token>> actions(List<Token> t, int from) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.isPunct("(")) depth++;
            if (x.isPunct(")")) depth--;
            if (depth == 0 && x.isPunct(",")) {
                out.add(current);
                current = new ArrayList<>();
            } else {
                current.add(x);
            }
        }
        out.add(current);
        return out;
    }

    /** Skips a possibly qualified, possibly quoted name: {@code "app".users}. */
    private static int skipName(List<Token> t, int i) {
        if (i >= t.size()) return i;
        i++;
        while (i + 1 < t.size() && t.get(i).isPunct(".")) i += 2;
        return i;
    }

    private static boolean at(List<Token> t, int i, String keyword) {
        return i < t.size() && t.get(i).is(keyword);
    }

    private static String shown(String text) {
        String s = text.replaceAll("\\s+", " ").strip();
        return s.length() <= STATEMENT_LIMIT ? s : s.substring(0, STATEMENT_LIMIT - 1) + "…";
    }
}
