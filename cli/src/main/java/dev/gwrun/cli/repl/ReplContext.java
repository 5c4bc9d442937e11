package dev.gwrun.cli.repl;

import dev.gwrun.engine.Interactive;
import dev.gwrun.engine.Stepper;
import dev.gwrun.host.Registry;
import org.jline.reader.LineReader;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** What the parts of the shell share: the session, where output goes, the timeline, the loaded runbook. */
final class ReplContext {
    final Interactive session;
    final Registry registry;
    final PrintWriter out;
    final Style style;
    final Supplier<EventView> views;
    final RunbookLoader loader;
    final Timeline timeline;
    final Transcript transcript = new Transcript();
    final ValuePrinter printer;
    LineReader reader;
    /** The runbook loaded with :load or on the command line; null when none. */
    Stepper stepper;
    boolean quit;

    ReplContext(Interactive session, PrintWriter out, Style style, Supplier<EventView> views, RunbookLoader loader, Timeline timeline) {
        this.session = session;
        this.registry = session.registry();
        this.out = out;
        this.style = style;
        this.views = views;
        this.loader = loader;
        this.timeline = timeline;
        this.printer = new ValuePrinter(session.masker()::mask);
    }

    String mask(String s) { return session.masker().mask(s); }

    /** A line of the shell's own, masked. */
    void say(String line) {
        out.println(mask(line));
        out.flush();
    }
}
