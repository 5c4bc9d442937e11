package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage one of the loader: a Compose file's text to {@link YNode}s with spans. snakeyaml composes the
 * node graph (anchors and aliases resolved); this class turns it into plain records, resolves merge
 * keys ({@code <<: *defaults}), keeps the {@code !reset}/{@code !override} tags, and refuses what Compose
 * refuses: duplicate keys, non-string keys, a document that is not a mapping.
 */
public final class YamlReader {
    /** Deeper than any real Compose file; past it the file is refused with a diagnostic, not a stack overflow. */
    public static final int MAX_DEPTH = 100;
    /**
     * Nodes a file may expand to once its aliases are followed (a file of nested aliases can describe
     * billions; the stages walk the expanded tree). Far above any real Compose file.
     */
    public static final long MAX_EXPANDED_NODES = 1_000_000;
    /** Larger than any real Compose file (the biggest public ones are well under 1 MB). */
    public static final int MAX_CHARS = 16 * 1024 * 1024;

    private YamlReader() {}

    /** Reads and parses a file; the name shown in diagnostics is the path as given. */
    public static YNode.YMap read(Path path) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(path);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ComposeException(path + ": not UTF-8 text");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ComposeException(path + ": no such file");
        } catch (IOException e) {
            throw new ComposeException(path + ": cannot read: " + e.getMessage());
        }
        return parse(new SourceFile(path.toString(), path, text));
    }

    /** Parses text already read; an empty document is an empty mapping. */
    public static YNode.YMap parse(SourceFile file) {
        if (file.text().length() > MAX_CHARS) {
            throw new ComposeException(file.name() + ": larger than " + (MAX_CHARS / (1024 * 1024)) + " MiB; not read as a Compose file");
        }
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        options.setMaxAliasesForCollections(10_000);
        options.setProcessComments(false);
        Node root;
        try {
            // What Yaml.compose does, without making a Yaml: its Constructor's static set-up starts
            // java.util.logging, some 8% of a cold 'compose config', for a graph we never construct.
            root = new Composer(new ParserImpl(new StreamReader(new StringReader(file.text())), options), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            // "got <stream end>" points past the text: the construct left open is the useful place
            if (m != null && e.getContextMark() != null && m.getIndex() >= file.text().length()) m = e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null && !problem.contains(e.getContext())) problem = e.getContext() + ": " + problem;
            throw new ComposeException(m == null ? null : spanAt(file, m, m), "YAML: " + problem.strip());
        } catch (YAMLException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            if (msg.contains("Nesting Depth")) msg = "nested deeper than " + MAX_DEPTH + " levels";
            throw new ComposeException(file.name() + ": YAML: " + msg);
        } catch (StackOverflowError e) {
            throw new ComposeException(file.name() + ": YAML: nested too deeply");
        }
        if (root == null) return new YNode.YMap(new Span(file, 0, 0), null, new LinkedHashMap<>());
        YNode node = new Converter(file).convert(root, 0);
        if (expandedSize(node, new IdentityHashMap<>()) > MAX_EXPANDED_NODES) {
            throw new ComposeException(node.span(), "the file's aliases expand to more than " + MAX_EXPANDED_NODES + " nodes; not read as a Compose file");
        }
        if (!(node instanceof YNode.YMap map)) {
            throw new ComposeException(node.span(), "a Compose file must be a mapping (services:, networks:, …), not " + kind(node));
        }
        return map;
    }

    /** The node count of the tree a node stands for with aliases expanded, capped just past the limit. */
    private static long expandedSize(YNode n, Map<YNode, Long> memo) {
        Long known = memo.get(n);
        if (known != null) return known;
        long size = 1;
        if (n instanceof YNode.YMap m) {
            for (YNode.Entry e : m.entries().values()) size = Math.min(MAX_EXPANDED_NODES + 1, size + expandedSize(e.value(), memo));
        } else if (n instanceof YNode.YSeq s) {
            for (YNode i : s.items()) size = Math.min(MAX_EXPANDED_NODES + 1, size + expandedSize(i, memo));
        }
        memo.put(n, size);
        return size;
    }

    static String kind(YNode n) {
        if (n instanceof YNode.YMap) return "a mapping";
        if (n instanceof YNode.YSeq) return "a list";
        Object v = ((YNode.YScalar) n).value();
        return v == null ? "null" : v instanceof String ? "a string" : v instanceof Boolean ? "a boolean" : "a number";
    }

    static Span spanAt(SourceFile file, Mark start, Mark end) {
        int s = offset(file, start);
        int e = end == null ? s : Math.max(s, offset(file, end));
        return new Span(file, s, e);
    }

    private static int offset(SourceFile file, Mark m) {
        // Mark lines/columns are 0-based; SourceFile breaks lines as snakeyaml does (\n, \r\n, a lone \r)
        // and keeps their starts, so this is a lookup, not a scan from the top (which made loading a
        // large file quadratic: half the time of 'compose config' on a 24 KB file).
        return Math.min(file.text().length(), file.lineStart(m.getLine() + 1) + m.getColumn());
    }

    private static final class Converter {
        private final SourceFile file;
        private final Map<Node, YNode> done = new IdentityHashMap<>();

        Converter(SourceFile file) { this.file = file; }

        YNode convert(Node node, int depth) {
            if (depth > MAX_DEPTH) {
                throw new ComposeException(spanAt(file, node.getStartMark(), node.getStartMark()), "nested deeper than " + MAX_DEPTH + " levels");
            }
            YNode seen = done.get(node);
            if (seen != null) return seen;
            Span span = spanAt(file, node.getStartMark(), node.getEndMark());
            String tag = composeTag(node);
            YNode out;
            if (node instanceof ScalarNode s) {
                out = scalar(s, span, tag);
            } else if (node instanceof SequenceNode s) {
                List<YNode> items = new ArrayList<>();
                for (Node item : s.getValue()) items.add(convert(item, depth + 1));
                out = new YNode.YSeq(span, tag, items);
            } else if (node instanceof MappingNode m) {
                out = mapping(m, span, tag, depth);
            } else {
                throw new ComposeException(span, "unsupported YAML node");
            }
            done.put(node, out);
            return out;
        }

        private String composeTag(Node node) {
            String t = node.getTag().getValue();
            if (t.equals("!reset") || t.equals("!override")) return t;
            return null;
        }

        private YNode.YMap mapping(MappingNode m, Span span, String tag, int depth) {
            Map<String, YNode.Entry> entries = new LinkedHashMap<>();
            Map<String, YNode.Entry> merged = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                Span keySpan = spanAt(file, k.getStartMark(), k.getEndMark());
                if (k instanceof ScalarNode ks && (k.getTag().equals(Tag.MERGE) || ("<<".equals(ks.getValue()) && ks.getScalarStyle().getChar() == null))) {
                    YNode v = convert(t.getValueNode(), depth + 1);
                    List<YNode> sources = v instanceof YNode.YSeq seq ? seq.items() : List.of(v);
                    for (YNode src : sources) {
                        if (!(src instanceof YNode.YMap sm)) throw new ComposeException(src.span(), "a merge key (<<) takes a mapping or a list of mappings");
                        sm.entries().forEach(merged::putIfAbsent);
                    }
                    continue;
                }
                if (!(k instanceof ScalarNode ks)) throw new ComposeException(keySpan, "a mapping key must be a string, not a " + (k instanceof MappingNode ? "mapping" : "list"));
                String key = ks.getValue();
                if (entries.containsKey(key)) {
                    YNode.Entry first = entries.get(key);
                    throw new ComposeException(keySpan, "duplicate key '" + key + "' (first at line " + first.keySpan().line() + ")");
                }
                entries.put(key, new YNode.Entry(key, keySpan, convert(t.getValueNode(), depth + 1)));
            }
            if (!merged.isEmpty()) {
                Map<String, YNode.Entry> all = new LinkedHashMap<>(merged);
                all.keySet().removeAll(entries.keySet());
                entries.putAll(all);
            }
            return new YNode.YMap(span, tag, entries);
        }

        private static final Set<String> TRUE = Set.of("true", "True", "TRUE");
        private static final Set<String> FALSE = Set.of("false", "False", "FALSE");

        private YNode.YScalar scalar(ScalarNode s, Span span, String tag) {
            String text = s.getValue();
            boolean quoted = s.getScalarStyle().getChar() != null;
            if (quoted || tag != null || s.getTag().equals(Tag.STR)) {
                return new YNode.YScalar(span, tag, text, text, quoted);
            }
            Tag t = s.getTag();
            Object value;
            if (t.equals(Tag.NULL)) value = null;
            else if (TRUE.contains(text)) value = Boolean.TRUE;
            else if (FALSE.contains(text)) value = Boolean.FALSE;
            else if (t.equals(Tag.INT)) value = parseInt(text);
            else if (t.equals(Tag.FLOAT)) value = parseFloat(text);
            else value = text;
            return new YNode.YScalar(span, null, text, value, false);
        }

        private static Object parseInt(String text) {
            String t = text.replace("_", "");
            try {
                if (t.startsWith("0x") || t.startsWith("-0x")) return Long.parseLong(t.replaceFirst("0x", ""), 16);
                if (t.startsWith("0o")) return Long.parseLong(t.substring(2), 8);
                if (t.contains(":")) return text; // sexagesimal (YAML 1.1): keep as written, e.g. ports "22:22"
                if (t.length() > 1 && t.startsWith("0") && t.chars().allMatch(Character::isDigit)) return Long.parseLong(t, 8);
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                return text;
            }
        }

        private static Object parseFloat(String text) {
            String t = text.replace("_", "");
            if (t.contains(":")) return text;
            try {
                return switch (t.toLowerCase()) {
                    case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> Double.parseDouble(t);
                };
            } catch (NumberFormatException e) {
                return text;
            }
        }
    }
}
