package dev.gwrun.format;

import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;

import java.lang.reflect.RecordComponent;
import java.util.List;

/** A rendering of an AST without its spans: two parses mean the same exactly when their shapes are equal. */
final class AstShape {
    private AstShape() {}

    static String of(Object node) {
        StringBuilder b = new StringBuilder();
        render(node, b, 0);
        return b.toString();
    }

    private static void render(Object node, StringBuilder b, int depth) {
        if (node == null) {
            b.append("null");
        } else if (node instanceof Span) {
            b.append("·");
        } else if (node instanceof List<?> list) {
            b.append("[");
            for (Object o : list) {
                b.append("\n").append("  ".repeat(depth + 1));
                render(o, b, depth + 1);
            }
            b.append("]");
        } else if (node.getClass().isRecord()) {
            b.append(node.getClass().getSimpleName()).append("(");
            for (RecordComponent rc : node.getClass().getRecordComponents()) {
                if (rc.getType() == Span.class || rc.getType() == SourceFile.class) continue;
                b.append(rc.getName()).append("=");
                try {
                    render(rc.getAccessor().invoke(node), b, depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                b.append(" ");
            }
            b.append(")");
        } else if (node instanceof String s) {
            b.append('"').append(s.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"")).append('"');
        } else {
            b.append(node.getClass().getSimpleName()).append(":").append(node);
        }
    }
}
