package dev.agentmarketplace.app.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/kubernetes, rendered by {@code kubectl kustomize} as a cluster would receive it: every
 * document valid for its kind (no unknown field, no wrong type), and the rules between them that a
 * schema cannot see (ManifestRules). The last tests render deliberately broken kustomizations, so
 * these checks are known to fail when they should.
 */
@ExtendWith(KubectlAvailabilityCondition.class)
class KubernetesManifestsTest {
    private static final Path MANIFESTS = Path.of("kubernetes").toAbsolutePath();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyRenderedDocumentIsValidForItsKind(String kustomization) {
        List<Manifest> manifests = render(MANIFESTS.resolve(kustomization));

        assertThat(manifests).extracting(Manifest::kind).contains("Deployment", "Service", "ConfigMap");
        assertThat(manifests.stream().flatMap(m -> ManifestSchemas.problems(m).stream()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void renderedObjectsFitTogether(String kustomization) {
        List<Manifest> manifests = render(MANIFESTS.resolve(kustomization));

        assertThat(manifests)
                .extracting(Manifest::kind)
                .contains(
                        "Deployment",
                        "Service",
                        "ConfigMap",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "ServiceMonitor");
        assertThat(ManifestRules.problems(manifests, applicationVariables())).isEmpty();
    }

    @Test
    void prodRunsThreeReplicasOnTheCloudNativePgClusterItDeclares() {
        List<Manifest> manifests = render(MANIFESTS.resolve("overlays/prod"));
        Manifest cluster = only(manifests, "Cluster");
        Deployment deployment = ManifestSchemas.typed(only(manifests, "Deployment"), Deployment.class);
        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        ConfigMap settings = ManifestSchemas.typed(only(manifests, "ConfigMap", "agent-marketplace"), ConfigMap.class);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(cluster.tree().path("spec").path("instances").asInt()).isEqualTo(3);
        assertThat(cluster.tree()
                        .path("spec")
                        .path("bootstrap")
                        .path("initdb")
                        .path("owner")
                        .asString())
                .isEqualTo("marketplace");
        // CloudNativePG creates <cluster>-app for the owner, and the -rw Service of the primary.
        assertThat(secretReference(container, "MARKETPLACE_DB_USER")).isEqualTo(cluster.name() + "-app/username");
        assertThat(secretReference(container, "MARKETPLACE_DB_PASSWORD")).isEqualTo(cluster.name() + "-app/password");
        assertThat(settings.getData().get("MARKETPLACE_DB_URL"))
                .isEqualTo("jdbc:postgresql://" + cluster.name() + "-rw:5432/marketplace");
        assertThat(ManifestSchemas.typed(only(manifests, "HorizontalPodAutoscaler"), HorizontalPodAutoscaler.class)
                        .getSpec()
                        .getMinReplicas())
                .isEqualTo(3);
        assertThat(ManifestSchemas.typed(only(manifests, "PodDisruptionBudget"), PodDisruptionBudget.class)
                        .getSpec()
                        .getMinAvailable()
                        .getIntVal())
                .isEqualTo(2);
        assertThat(container.getImage()).matches("[^:]+/agent-marketplace:\\d+\\.\\d+\\.\\d+");
        assertThat(manifests).allSatisfy(m -> assertThat(m.namespace()).isEqualTo("agent-marketplace"));
    }

    @Test
    void prodCommitsNoSecretValuesAndShipsTheRealmWithItsRoles() {
        List<Manifest> manifests = render(MANIFESTS.resolve("overlays/prod"));

        assertThat(manifests).noneMatch(m -> m.kind().equals("Secret"));
        JsonNode realm = JsonMapper.shared()
                .readTree(only(manifests, "ConfigMap", "keycloak-realm-agent-marketplace")
                        .tree()
                        .path("data")
                        .path("realm-agent-marketplace.json")
                        .asString());
        List<String> roles = new ArrayList<>();
        realm.path("roles")
                .path("realm")
                .forEach(role -> roles.add(role.path("name").asString()));
        assertThat(roles).containsExactlyInAnyOrder("agent", "operator", "admin");
        JsonNode dashboard = client(realm, "marketplace-dashboard");
        assertThat(dashboard.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(dashboard.path("publicClient").asBoolean()).isFalse();
        // Keycloak's import replaces ${VARIABLE} with its environment: the secret is never committed.
        assertThat(dashboard.path("secret").asString()).isEqualTo("${MARKETPLACE_DASHBOARD_CLIENT_SECRET}");
        JsonNode agent = client(realm, "example-agent");
        assertThat(agent.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(agent.has("secret")).isFalse();
        assertThat(realm.path("users").findValuesAsString("serviceAccountClientId"))
                .containsExactly("example-agent");
    }

    @Test
    void devRunsOneReplicaWithABudgetThatLetsNodesDrain() {
        List<Manifest> manifests = render(MANIFESTS.resolve("overlays/dev"));

        assertThat(ManifestSchemas.typed(only(manifests, "Deployment"), Deployment.class)
                        .getSpec()
                        .getReplicas())
                .isEqualTo(1);
        assertThat(ManifestSchemas.typed(only(manifests, "HorizontalPodAutoscaler"), HorizontalPodAutoscaler.class)
                        .getSpec()
                        .getMinReplicas())
                .isEqualTo(1);
        assertThat(ManifestSchemas.typed(only(manifests, "PodDisruptionBudget"), PodDisruptionBudget.class)
                        .getSpec()
                        .getMinAvailable()
                        .getIntVal())
                .isZero();
        assertThat(only(manifests, "Cluster")
                        .tree()
                        .path("spec")
                        .path("instances")
                        .asInt())
                .isEqualTo(1);
        assertThat(manifests).allSatisfy(m -> assertThat(m.namespace()).isEqualTo("agent-marketplace-dev"));
    }

    // --- Broken kustomizations: the checks above must catch each of these -------------------------------

    @Test
    void unknownFieldIsRejectedWithItsPath() {
        List<Manifest> manifests = renderBasePatchedWith("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: agent-marketplace
                spec:
                  template:
                    spec:
                      containers:
                      - name: agent-marketplace
                        livenessprobe:
                          httpGet:
                            path: /q/health/live
                            port: http
                """);

        assertThat(schemaProblems(manifests))
                .anySatisfy(problem -> assertThat(problem)
                        .matches("document \\d+ \\(Deployment agent-marketplace\\): "
                                + "spec\\.template\\.spec\\.containers\\[0]\\.livenessprobe: unknown field.*"));
    }

    @Test
    void wrongTypesAreRejected() {
        List<Manifest> manifests = renderBasePatchedWith("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: agent-marketplace
                spec:
                  replicas: three
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: agent-marketplace
                data:
                  QUARKUS_HTTP_PORT: 8080
                """);

        assertThat(schemaProblems(manifests))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("document")
                        .contains("(Deployment agent-marketplace): spec.replicas: Cannot coerce String"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("(ConfigMap agent-marketplace): data.QUARKUS_HTTP_PORT: Cannot coerce Integer"));
    }

    @Test
    void selectorsThatSelectNothingAreRejected() {
        List<Manifest> manifests = renderBasePatchedWith("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: agent-marketplace
                spec:
                  selector:
                    app.kubernetes.io/component: web
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: agent-marketplace
                spec:
                  selector:
                    matchLabels:
                      app.kubernetes.io/component: worker
                """);

        assertThat(schemaProblems(manifests)).isEmpty();
        assertThat(ManifestRules.problems(manifests, applicationVariables()))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("(Service agent-marketplace): spec.selector")
                        .contains("selects no Deployment's pods"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("(Deployment agent-marketplace): spec.selector")
                        .contains("does not match the pod template's labels"));
    }

    @Test
    void probesOnUndeclaredPortsAndBudgetsThatBlockDrainsAreRejected() {
        List<Manifest> manifests = renderBasePatchedWith("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: agent-marketplace
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                      - name: agent-marketplace
                        readinessProbe:
                          httpGet:
                            port: management
                        env:
                        - name: MARKETPLACE_DB_HOST
                          value: db
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: agent-marketplace
                spec:
                  minReplicas: 2
                """);

        assertThat(ManifestRules.problems(manifests, applicationVariables()))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("readinessProbe port management is not a port the container declares"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("(PodDisruptionBudget agent-marketplace): minAvailable 2 leaves nothing to evict"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("env MARKETPLACE_DB_HOST: the application reads no such variable"));
    }

    @Test
    void clusterOutsideTheCloudNativePgSchemaIsRejected() throws IOException {
        Path broken = Files.createDirectories(work.resolve("cluster"));
        Files.writeString(broken.resolve("kustomization.yaml"), "resources:\n- cluster.yaml\n");
        Files.writeString(broken.resolve("cluster.yaml"), """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: agent-marketplace-db
                spec:
                  instances: 3
                  instance: 3
                  primaryUpdateStrategy: automatic
                  storage:
                    size: 20 gigabytes
                """);

        List<String> problems = schemaProblems(render(broken));

        assertThat(problems)
                .allSatisfy(problem -> assertThat(problem).startsWith("document 1 (Cluster agent-marketplace-db): "))
                .anySatisfy(problem -> assertThat(problem).contains("instance"))
                .anySatisfy(problem -> assertThat(problem).contains("primaryUpdateStrategy"))
                .anySatisfy(problem -> assertThat(problem).contains("size"))
                .hasSize(3);
    }

    // --- Helpers ----------------------------------------------------------------------------------------

    private static List<Manifest> render(Path kustomization) {
        return Manifest.parseAll(Kubectl.kustomize(kustomization));
    }

    private static List<String> schemaProblems(List<Manifest> manifests) {
        return manifests.stream()
                .flatMap(m -> ManifestSchemas.problems(m).stream())
                .toList();
    }

    /** The real base, copied, under an overlay that applies one strategic-merge patch. */
    private List<Manifest> renderBasePatchedWith(String patch) {
        try {
            Path base = work.resolve("base");
            try (Stream<Path> files = Files.list(MANIFESTS.resolve("base"))) {
                Files.createDirectories(base);
                for (Path file : files.toList()) {
                    Files.copy(file, base.resolve(file.getFileName()));
                }
            }
            Path overlay = Files.createDirectories(work.resolve("broken"));
            Files.writeString(overlay.resolve("kustomization.yaml"), """
                    bases:
                    - ../base
                    patchesStrategicMerge:
                    - patch.yaml
                    """);
            Files.writeString(overlay.resolve("patch.yaml"), patch);
            return render(overlay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Manifest only(List<Manifest> manifests, String kind) {
        List<Manifest> ofKind =
                manifests.stream().filter(m -> m.kind().equals(kind)).toList();
        assertThat(ofKind).as("documents of kind %s", kind).hasSize(1);
        return ofKind.getFirst();
    }

    private static Manifest only(List<Manifest> manifests, String kind, String name) {
        return only(manifests.stream().filter(m -> m.name().equals(name)).toList(), kind);
    }

    private static String secretReference(Container container, String variable) {
        EnvVar env = container.getEnv().stream()
                .filter(e -> e.getName().equals(variable))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + variable));
        var reference = env.getValueFrom().getSecretKeyRef();
        return reference.getName() + "/" + reference.getKey();
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asString().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("the realm has no client " + clientId);
    }

    /**
     * The environment variables the application reads: those README.md names, and every property
     * of README.md or application.properties in its environment form (upper case, '.' and '-' as '_').
     */
    private static Set<String> applicationVariables() {
        try {
            String readme = Files.readString(Path.of("..", "README.md"));
            String properties = Files.readString(Path.of("src", "main", "resources", "application.properties"));
            Set<String> variables = new HashSet<>();
            Matcher named =
                    Pattern.compile("\\b(?:MARKETPLACE|QUARKUS)_[A-Z0-9_]+\\b").matcher(readme);
            while (named.find()) {
                variables.add(named.group());
            }
            Matcher documented =
                    Pattern.compile("`((?:quarkus|marketplace)\\.[a-z0-9.-]+)`").matcher(readme);
            while (documented.find()) {
                variables.add(environmentForm(documented.group(1)));
            }
            Matcher configured = Pattern.compile("(?m)^(?:%[a-z-]+\\.)?((?:quarkus|marketplace)\\.[^=\\s]+)=")
                    .matcher(properties);
            while (configured.find()) {
                variables.add(environmentForm(configured.group(1)));
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String environmentForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
