package dev.agentmarketplace.dashboard.web;

import dev.agentmarketplace.core.ShownText;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.WithPriority;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Every value a page shows is HTML-escaped, and before that every control, bidi control and unpaired
 * surrogate in it is written as {@code U+XXXX}: the core refuses them on the way in, and this makes
 * sure that whatever got into the database another way still cannot reorder or hide what an operator
 * reads ("Trojan Source"). Runs ahead of Qute's own HTML escaper, which it then calls.
 */
public class ShownTextEscaper implements ResultMapper {
    private static final HtmlEscaper HTML = new HtmlEscaper(List.of("text/html"));

    void register(@Observes EngineBuilder engine) {
        engine.addResultMapper(this);
    }

    @Override
    public int getPriority() {
        return WithPriority.DEFAULT_PRIORITY + 10;
    }

    @Override
    public boolean appliesTo(TemplateNode.Origin origin, Object result) {
        return HTML.appliesTo(origin, result);
    }

    @Override
    public String map(Object result, Expression expression) {
        return HTML.map(ShownText.escapedParagraph(result.toString()), expression);
    }
}
