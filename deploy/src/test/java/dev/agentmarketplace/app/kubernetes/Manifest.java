package dev.agentmarketplace.app.kubernetes;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** One document of a rendered kustomization, as the tree kubectl printed. */
record Manifest(int index, String apiVersion, String kind, String name, JsonNode tree) {

    /** Every document of a multi-document YAML stream, numbered from 1 in the order printed. */
    static List<Manifest> parseAll(String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAMLMapper.shared().readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode tree = documents.next();
                if (tree == null || tree.isNull() || tree.isMissingNode()) {
                    continue;
                }
                manifests.add(new Manifest(
                        manifests.size() + 1,
                        tree.path("apiVersion").asString(""),
                        tree.path("kind").asString(""),
                        tree.path("metadata").path("name").asString(""),
                        tree));
            }
        }
        return manifests;
    }

    String namespace() {
        return tree.path("metadata").path("namespace").asString("");
    }

    /** How a problem names this document: "document 3 (Deployment agent-marketplace)". */
    String describe() {
        return "document " + index + " (" + kind + " " + name + ")";
    }
}
