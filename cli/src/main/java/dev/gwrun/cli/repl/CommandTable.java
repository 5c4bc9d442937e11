package dev.gwrun.cli.repl;

import dev.gwrun.source.Suggest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shell's {@code :commands}: one table that dispatch, {@code :help} and completion all read. */
final class CommandTable {
    /** What a command does with the rest of its line. */
    @FunctionalInterface
    interface Action {
        void run(String args) throws Exception;
    }

    /** One command: its name without the colon, how its arguments read, and a line of help. */
    record Command(String name, String usage, String help, Action action) {}

    private final Map<String, Command> commands = new LinkedHashMap<>();

    CommandTable add(String name, String usage, String help, Action action) {
        commands.put(name, new Command(name, usage, help, action));
        return this;
    }

    Collection<Command> all() { return commands.values(); }

    Command find(String name) { return commands.get(name); }

    /** The command a line names ({@code :load x.gwrun} → load), or null with {@code problem} explaining. */
    record Lookup(Command command, String args, String problem) {}

    Lookup lookup(String line) {
        String s = line.strip().substring(1);
        int space = indexOfWhitespace(s);
        String name = space < 0 ? s : s.substring(0, space);
        String args = space < 0 ? "" : s.substring(space).strip();
        Command c = commands.get(name);
        if (c != null) return new Lookup(c, args, null);
        List<String> names = new ArrayList<>();
        for (String n : commands.keySet()) names.add(":" + n);
        return new Lookup(null, args, "unknown command ':" + name + "'" + Suggest.didYouMean(":" + name, names) + " (:help lists them)");
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }
}
