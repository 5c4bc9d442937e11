package dev.gwrun.parse;

import dev.gwrun.grammar.GwrunParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every labelled alternative of the grammar has a builder method: adding "# NewThing" to
 * GwrunParser.g4 without an AstBuilder method taking NewThingContext fails here, before any
 * runbook reaches an "no AST builder for …" at run time.
 */
class AstBuilderCoverageTest {

    /** A labelled alternative's context extends its rule's context (itself a nested class of the parser). */
    static List<Class<?>> labelledAlternatives() {
        return Arrays.stream(GwrunParser.class.getDeclaredClasses())
                .filter(c -> c.getSimpleName().endsWith("Context"))
                .filter(c -> c.getSuperclass() != ParserRuleContext.class)
                .filter(c -> c.getSuperclass().getEnclosingClass() == GwrunParser.class
                        && c.getSuperclass().getSimpleName().endsWith("Context"))
                .sorted(Comparator.comparing(Class::getSimpleName))
                .toList();
    }

    @Test
    void findsTheLabelledAlternatives() {
        assertThat(labelledAlternatives())
                .contains(GwrunParser.StepStmtContext.class, GwrunParser.OrExprContext.class,
                        GwrunParser.NamedArgumentContext.class, GwrunParser.TripleInterpPartContext.class)
                .doesNotContain(GwrunParser.StatementContext.class, GwrunParser.RunbookContext.class,
                        GwrunParser.BlockContext.class)
                .hasSizeGreaterThan(50);
    }

    @Test
    void everyLabelledAlternativeHasABuilderMethod() {
        Set<Class<?>> parameterTypes = Arrays.stream(AstBuilder.class.getDeclaredMethods())
                .flatMap(m -> Arrays.stream(m.getParameterTypes()))
                .collect(Collectors.toSet());

        List<String> missing = labelledAlternatives().stream()
                .filter(alternative -> !parameterTypes.contains(alternative))
                .map(Class::getSimpleName)
                .toList();

        assertThat(missing).as("labelled alternatives without an AstBuilder method taking them").isEmpty();
    }
}
