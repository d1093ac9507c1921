package dev.agentmarketplace.app;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of the Prometheus text format that {@code /q/metrics} serves, for the tests that count them. */
final class PrometheusScrape {
    private PrometheusScrape() {}

    /** The whole exposition of the application the test talks to. */
    static String fetch() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The value of the first sample named {@code name} whose labels include {@code labels} (for example
     * {@code state="SETTLED"}; empty for any), or null when there is none.
     */
    static Double value(String scrape, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(scrape);
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            if (found.contains(labels)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return null;
    }
}
