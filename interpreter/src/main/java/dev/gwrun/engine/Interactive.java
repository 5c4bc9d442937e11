package dev.gwrun.engine;

import dev.gwrun.params.Masker;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.host.Registry;
import dev.gwrun.names.Resolution;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Scope;
import dev.gwrun.source.SourceFile;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An interactive session (the REPL): statements run one input at a time in one scope that lives
 * as long as the session, so {@code let} bindings persist. Each input gets its own cancellation
 * root, so Ctrl-C stops that input (its wait, its HTTP call) and the session carries on.
 */
public final class Interactive {
    /** What an input produced: the value of a trailing expression statement, or none. */
    public record Outcome(boolean hasValue, Object value) {
        static final Outcome NONE = new Outcome(false, null);
    }

    private final RunEngine engine;
    private final Masker masker;
    private final Map<String, String> env;
    private final Prompter prompter;
    private final Clock clock;
    private final Scope scope = new Scope(null);
    /** What every input entered so far calls: a function defined by one input runs its calls in later ones. */
    private final Resolution resolution;
    /** The sub-runbooks inputs have run, loaded into {@link #resolution} once for the session. */
    private final LoadedRunbooks runbooks;
    private volatile Cancellation running;

    public Interactive(Registry registry, Masker masker, Map<String, String> env, Prompter prompter, Clock clock) {
        this.engine = new RunEngine(registry);
        this.resolution = new Resolution(registry);
        this.runbooks = new LoadedRunbooks(registry, resolution);
        this.masker = masker;
        this.env = env;
        this.prompter = prompter;
        this.clock = clock;
    }

    public Registry registry() { return engine.registry(); }

    public Masker masker() { return masker; }

    /** The session's variables, in declaration order. */
    public Map<String, Object> variables() { return scope.locals(); }

    /**
     * Runs one parsed and checked input. Its params become session variables (given value, else
     * default); its statements run in the session scope. Events go to {@code sink}.
     */
    public Outcome execute(Runbook input, EventSink sink) {
        resolve(input);
        return run(input.source(), sink, (executor, frame) -> {
            for (Param p : input.params()) {
                Object v = p.defaultValue() == null ? null : executor.eval.eval(p.defaultValue(), frame);
                scope.declare(p.name(), v, Scope.Kind.LET);
            }
            executor.hoistFunctions(input.body(), frame);
            Outcome last = Outcome.NONE;
            for (Stmt s : input.body()) {
                frame.cancel().check();
                if (s instanceof Stmt.ExprStmt x) {
                    try {
                        last = new Outcome(true, executor.eval.eval(x.expr(), frame));
                    } catch (GwrunError e) {
                        throw e.at(s.span());
                    }
                } else {
                    executor.exec(s, frame);
                    last = Outcome.NONE;
                }
            }
            return last;
        });
    }

    /** Resolves the names of input that runs in this session, against the variables it has bound so far. */
    void resolve(Runbook input) {
        resolution.add(input, Set.copyOf(scope.locals().keySet()));
    }

    /** Cancels the input that is running, if any (Ctrl-C); returns whether there was one. */
    public boolean interrupt() {
        Cancellation c = running;
        if (c == null) return false;
        c.cancel(new GwrunError("interrupted", "interrupted"));
        return true;
    }

    interface Body<T> {
        T run(Executor executor, Frame frame);
    }

    /** Runs work against the session scope with a fresh session (cancellation root, timers) for this input. */
    <T> T run(SourceFile source, EventSink sink, Body<T> body) {
        Cancellation root = new Cancellation();
        Session session = new Session(engine.registry(), masker, sink, env, prompter, false, root, clock);
        session.resolution = resolution;
        session.runbooks = runbooks;
        running = root;
        try {
            Executor executor = new Executor(session, engine);
            Frame frame = new Frame(scope, root, StepPath.ROOT, source, null);
            try {
                return body.run(executor, frame);
            } catch (Signals.Recover | Signals.Return e) {
                throw new GwrunError("error", "'recover' and 'return' cannot be used here");
            }
        } finally {
            running = null;
            session.close();
        }
    }

    /** The --env-file values the session was started with, which env() and secret() read over the process environment. */
    public Map<String, String> environment() { return new LinkedHashMap<>(env); }

    Scope scope() { return scope; }

    RunEngine engine() { return engine; }
}
