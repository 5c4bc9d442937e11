package dev.gwrun.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Escaping and number formats the report writers share. */
final class Text {
    private Text() {}

    /** XML/HTML text or attribute value; characters XML 1.0 cannot hold (ANSI escapes, NUL) become U+FFFD. */
    static String xml(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xFFFE && !Character.isSurrogate(c))) b.append(c);
                    else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else b.append('\uFFFD');
                }
            }
        }
        return b.toString();
    }

    /** Seconds with millisecond precision, "12.345", whatever the locale. */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY).toPlainString();
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    /** A Markdown table cell: pipes escaped, one line. */
    static String cell(String s) {
        if (s == null) return "";
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")
                .replace("<", "&lt;").replace(">", "&gt;");
    }
}
