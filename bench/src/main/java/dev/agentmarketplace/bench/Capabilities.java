package dev.agentmarketplace.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's 300 capabilities, most popular first: real names for the head, numbered ones for the tail. */
final class Capabilities {
    static final int COUNT = 300;

    /** Zipf exponent 1: the most popular capability is offered by about 1 in 6 draws, the least by 1 in 1,900. */
    static final Zipf POPULARITY = new Zipf(COUNT, 1.0);

    static final List<String> NAMES = names();

    private Capabilities() {}

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of(
                "python",
                "translation",
                "summarization",
                "code-review",
                "web-search",
                "sql",
                "data-cleaning",
                "image-captioning",
                "typescript",
                "rust",
                "transcription",
                "sentiment-analysis",
                "scraping",
                "unit-testing",
                "documentation",
                "java",
                "go",
                "ocr",
                "classification",
                "planning"));
        for (int rank = names.size(); rank < COUNT; rank++) {
            names.add("skill-%03d".formatted(rank));
        }
        return List.copyOf(names);
    }
}
