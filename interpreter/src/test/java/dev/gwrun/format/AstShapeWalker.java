package dev.gwrun.format;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Every record reachable from an AST node, for tests that ask which node types a runbook holds. */
final class AstShapeWalker {
    private AstShapeWalker() {}

    static List<Object> nodes(Object root) {
        List<Object> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Object node, List<Object> out) {
        if (node instanceof List<?> list) {
            for (Object o : list) walk(o, out);
        } else if (node != null && node.getClass().isRecord() && node.getClass().getPackageName().equals("dev.gwrun.ast")) {
            out.add(node);
            for (RecordComponent rc : node.getClass().getRecordComponents()) {
                try {
                    walk(rc.getAccessor().invoke(node), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
