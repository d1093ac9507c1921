package dev.agentmarketplace.app.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rules across the documents of one rendering that a schema cannot see and that break a real
 * deployment: selectors that select nothing, probes on a port the container does not declare,
 * autoscalers and budgets aimed at objects that do not exist, a budget that blocks every drain,
 * the container security settings this platform requires, and environment variables the
 * application does not read.
 */
final class ManifestRules {
    private final List<Manifest> manifests;
    private final Set<String> knownEnvironmentVariables;
    private final List<String> problems = new ArrayList<>();

    private ManifestRules(List<Manifest> manifests, Set<String> knownEnvironmentVariables) {
        this.manifests = manifests;
        this.knownEnvironmentVariables = knownEnvironmentVariables;
    }

    /** The problems of a rendering whose documents each passed {@link ManifestSchemas#problems}. */
    static List<String> problems(List<Manifest> manifests, Set<String> knownEnvironmentVariables) {
        ManifestRules rules = new ManifestRules(manifests, knownEnvironmentVariables);
        rules.check();
        return List.copyOf(rules.problems);
    }

    private void check() {
        List<Manifest> deployments = ofKind("Deployment");
        if (deployments.isEmpty()) {
            problems.add("no Deployment rendered");
        }
        deployments.forEach(this::checkDeployment);
        ofKind("Service").forEach(this::checkService);
        ofKind("HorizontalPodAutoscaler").forEach(this::checkAutoscaler);
        ofKind("PodDisruptionBudget").forEach(this::checkBudget);
        ofKind("ServiceMonitor").forEach(this::checkServiceMonitor);
        ofKind("NetworkPolicy").forEach(this::checkNetworkPolicy);
        ofKind("ConfigMap").stream()
                .filter(m -> deployments.stream().anyMatch(d -> envFromNames(d).contains(m.name())))
                .forEach(this::checkSettings);
    }

    // --- Deployments --------------------------------------------------------------------------------

    private void checkDeployment(Manifest manifest) {
        Deployment deployment = ManifestSchemas.typed(manifest, Deployment.class);
        Map<String, String> podLabels = podLabels(deployment);
        LabelSelector selector = deployment.getSpec().getSelector();
        if (!selects(manifest, "spec.selector", selector, podLabels)) {
            problems.add(manifest.describe() + ": spec.selector " + describe(selector)
                    + " does not match the pod template's labels " + podLabels);
        }
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        for (Container container : pod.getContainers()) {
            String where = manifest.describe() + ": container " + container.getName();
            checkProbe(where, "startupProbe", container.getStartupProbe(), container, "/q/health/started");
            checkProbe(where, "livenessProbe", container.getLivenessProbe(), container, "/q/health/live");
            checkProbe(where, "readinessProbe", container.getReadinessProbe(), container, "/q/health/ready");
            checkSecurity(where, pod, container);
            checkResources(where, container);
            checkEnvironment(where, container);
        }
    }

    private void checkProbe(String where, String name, Probe probe, Container container, String path) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(where + ": no " + name + " (HTTP GET " + path + ")");
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + ": " + name + " asks " + probe.getHttpGet().getPath() + ", not " + path);
        }
        if (containerPort(container, probe.getHttpGet().getPort()).isEmpty()) {
            problems.add(where + ": " + name + " port "
                    + show(probe.getHttpGet().getPort()) + " is not a port the container declares " + ports(container));
        }
    }

    private void checkSecurity(String where, PodSpec pod, Container container) {
        PodSecurityContext podContext =
                Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        SecurityContext context =
                Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        Boolean runAsNonRoot = first(context.getRunAsNonRoot(), podContext.getRunAsNonRoot());
        Long runAsUser = first(context.getRunAsUser(), podContext.getRunAsUser());
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            problems.add(where + ": securityContext.runAsNonRoot is not true");
        }
        if (!Long.valueOf(185).equals(runAsUser)) {
            problems.add(where + ": securityContext.runAsUser is " + runAsUser
                    + ", not 185 (the user of the Quarkus UBI images)");
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            problems.add(where + ": securityContext.readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            problems.add(where + ": securityContext.allowPrivilegeEscalation is not false");
        }
        if (context.getCapabilities() == null
                || !context.getCapabilities().getDrop().contains("ALL")) {
            problems.add(where + ": securityContext.capabilities.drop does not hold ALL");
        }
        String seccomp = context.getSeccompProfile() != null
                ? context.getSeccompProfile().getType()
                : podContext.getSeccompProfile() != null
                        ? podContext.getSeccompProfile().getType()
                        : null;
        if (!"RuntimeDefault".equals(seccomp)) {
            problems.add(where + ": seccompProfile is " + seccomp + ", not RuntimeDefault");
        }
        // A read-only root file system leaves the JVM and Vert.x nowhere to write but a volume.
        boolean tmpOnEmptyDir = container.getVolumeMounts().stream()
                .filter(mount -> "/tmp".equals(mount.getMountPath()))
                .anyMatch(mount -> pod.getVolumes().stream()
                        .filter(volume -> volume.getName().equals(mount.getName()))
                        .map(Volume::getEmptyDir)
                        .anyMatch(Objects::nonNull));
        if (!tmpOnEmptyDir) {
            problems.add(where + ": /tmp is not mounted from an emptyDir volume");
        }
    }

    private void checkResources(String where, Container container) {
        var resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
            if (resources == null || !resources.getRequests().containsKey(resource)) {
                problems.add(where + ": no resources.requests." + resource);
            }
        }
        if (resources == null || !resources.getLimits().containsKey("memory")) {
            problems.add(where + ": no resources.limits.memory");
        }
    }

    private void checkEnvironment(String where, Container container) {
        for (EnvVar variable : container.getEnv()) {
            checkKnownVariable(where + ": env " + variable.getName(), variable.getName());
            var from = variable.getValueFrom();
            if (from != null && from.getSecretKeyRef() != null) {
                checkSecretReference(
                        where + ": env " + variable.getName(),
                        from.getSecretKeyRef().getName(),
                        from.getSecretKeyRef().getKey());
            }
        }
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null
                    && ofKind("ConfigMap").stream()
                            .noneMatch(m ->
                                    m.name().equals(source.getConfigMapRef().getName()))) {
                problems.add(where + ": envFrom names ConfigMap "
                        + source.getConfigMapRef().getName() + ", which is not rendered");
            }
        }
    }

    /**
     * A Secret is either rendered here with the key, or made by an operator the rendering declares
     * (CloudNativePG's {@code <cluster>-app}, with username and password), or created by hand:
     * then no document may contradict it.
     */
    private void checkSecretReference(String where, String name, String key) {
        Optional<Manifest> secret =
                ofKind("Secret").stream().filter(m -> m.name().equals(name)).findFirst();
        if (secret.isPresent()) {
            var tree = secret.get().tree();
            if (!tree.path("data").has(key) && !tree.path("stringData").has(key)) {
                problems.add(where + ": Secret " + name + " has no key " + key);
            }
        }
        boolean cnpgSecret = ofKind("Cluster").stream().anyMatch(cluster -> (cluster.name() + "-app").equals(name));
        if (cnpgSecret
                && !Set.of("username", "password", "uri", "jdbc-uri", "host", "port", "dbname")
                        .contains(key)) {
            problems.add(where + ": CloudNativePG's Secret " + name + " has no key " + key);
        }
    }

    private void checkSettings(Manifest manifest) {
        ConfigMap settings = ManifestSchemas.typed(manifest, ConfigMap.class);
        settings.getData().keySet().forEach(key -> checkKnownVariable(manifest.describe() + ": " + key, key));
    }

    private void checkKnownVariable(String where, String name) {
        if (!knownEnvironmentVariables.contains(name)) {
            problems.add(where + ": the application reads no such variable (not in README.md"
                    + " or application.properties)");
        }
    }

    // --- Objects that point at the Deployment -------------------------------------------------------

    private void checkService(Manifest manifest) {
        Service service = ManifestSchemas.typed(manifest, Service.class);
        Map<String, String> selector = service.getSpec().getSelector();
        List<Deployment> selected = deploymentsWhere(
                manifest, labels -> !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet()));
        if (selected.isEmpty()) {
            problems.add(manifest.describe() + ": spec.selector " + selector + " selects no Deployment's pods");
            return;
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
            for (Deployment deployment : selected) {
                boolean declared = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(container -> containerPort(container, target).isPresent());
                if (!declared) {
                    problems.add(manifest.describe() + ": port " + port.getName() + " targets " + show(target)
                            + ", which no container of Deployment "
                            + deployment.getMetadata().getName()
                            + " declares");
                }
            }
        }
    }

    private void checkAutoscaler(Manifest manifest) {
        HorizontalPodAutoscaler autoscaler = ManifestSchemas.typed(manifest, HorizontalPodAutoscaler.class);
        var target = autoscaler.getSpec().getScaleTargetRef();
        Optional<Deployment> deployment = ofKind("Deployment").stream()
                .filter(m -> m.name().equals(target.getName()) && m.namespace().equals(manifest.namespace()))
                .map(m -> ManifestSchemas.typed(m, Deployment.class))
                .findFirst();
        if (!"Deployment".equals(target.getKind())
                || !"apps/v1".equals(target.getApiVersion())
                || deployment.isEmpty()) {
            problems.add(manifest.describe() + ": scaleTargetRef " + target.getApiVersion() + " " + target.getKind()
                    + " " + target.getName() + " is not a rendered Deployment");
            return;
        }
        int min = Optional.ofNullable(autoscaler.getSpec().getMinReplicas()).orElse(1);
        int max = autoscaler.getSpec().getMaxReplicas();
        int replicas =
                Optional.ofNullable(deployment.get().getSpec().getReplicas()).orElse(1);
        if (min > max || replicas < min || replicas > max) {
            problems.add(manifest.describe() + ": the Deployment's " + replicas + " replicas lie outside " + min + ".."
                    + max);
        }
        boolean onCpu = autoscaler.getSpec().getMetrics().stream()
                .map(MetricSpec::getResource)
                .filter(Objects::nonNull)
                .anyMatch(resource -> "cpu".equals(resource.getName())
                        && resource.getTarget() != null
                        && resource.getTarget().getAverageUtilization() != null);
        if (!onCpu) {
            problems.add(manifest.describe() + ": no CPU utilization target");
        }
    }

    private void checkBudget(Manifest manifest) {
        PodDisruptionBudget budget = ManifestSchemas.typed(manifest, PodDisruptionBudget.class);
        List<Deployment> selected = deploymentsWhere(
                manifest,
                labels -> selects(manifest, "spec.selector", budget.getSpec().getSelector(), labels));
        if (selected.isEmpty()) {
            problems.add(manifest.describe() + ": spec.selector "
                    + describe(budget.getSpec().getSelector()) + " selects no Deployment's pods");
            return;
        }
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        if (minAvailable == null || minAvailable.getIntVal() == null) {
            problems.add(manifest.describe() + ": minAvailable is not a number of pods");
            return;
        }
        for (Deployment deployment : selected) {
            int replicas =
                    Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
            // With minAvailable equal to the replicas, no pod may ever be evicted: every drain hangs.
            if (minAvailable.getIntVal() >= replicas) {
                problems.add(manifest.describe() + ": minAvailable " + minAvailable.getIntVal()
                        + " leaves nothing to evict among the " + replicas + " replicas of "
                        + deployment.getMetadata().getName() + ", so every node drain blocks");
            }
        }
    }

    private void checkServiceMonitor(Manifest manifest) {
        ServiceMonitor monitor = ManifestSchemas.typed(manifest, ServiceMonitor.class);
        LabelSelector selector = monitor.getSpec().getSelector();
        List<Service> services = ofKind("Service").stream()
                .filter(m -> m.namespace().equals(manifest.namespace()))
                .map(m -> ManifestSchemas.typed(m, Service.class))
                .filter(service -> selects(
                        manifest,
                        "spec.selector",
                        selector,
                        service.getMetadata().getLabels()))
                .toList();
        if (services.isEmpty()) {
            problems.add(manifest.describe() + ": spec.selector " + describe(selector) + " selects no Service");
            return;
        }
        for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
            if (!"/q/metrics".equals(endpoint.getPath())) {
                problems.add(manifest.describe() + ": endpoint path " + endpoint.getPath() + ", not /q/metrics");
            }
            boolean named = services.stream()
                    .allMatch(service -> service.getSpec().getPorts().stream()
                            .anyMatch(port -> Objects.equals(port.getName(), endpoint.getPort())));
            if (!named) {
                problems.add(manifest.describe() + ": endpoint port " + endpoint.getPort()
                        + " is not a port name of the selected Service");
            }
        }
    }

    private void checkNetworkPolicy(Manifest manifest) {
        NetworkPolicy policy = ManifestSchemas.typed(manifest, NetworkPolicy.class);
        List<Deployment> selected = deploymentsWhere(
                manifest,
                labels -> selects(manifest, "spec.podSelector", policy.getSpec().getPodSelector(), labels));
        if (selected.isEmpty()) {
            problems.add(manifest.describe() + ": spec.podSelector selects no Deployment's pods");
            return;
        }
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            for (NetworkPolicyPort port : rule.getPorts()) {
                for (Deployment deployment : selected) {
                    boolean declared = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                            .anyMatch(container ->
                                    containerPort(container, port.getPort()).isPresent());
                    if (!declared) {
                        problems.add(manifest.describe() + ": ingress port " + show(port.getPort())
                                + " is not a port of Deployment "
                                + deployment.getMetadata().getName());
                    }
                }
            }
        }
    }

    // --- Helpers ---------------------------------------------------------------------------------------

    private List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private List<Deployment> deploymentsWhere(Manifest in, Predicate<Map<String, String>> podLabelsMatch) {
        return ofKind("Deployment").stream()
                .filter(m -> m.namespace().equals(in.namespace()))
                .map(m -> ManifestSchemas.typed(m, Deployment.class))
                .filter(deployment -> podLabelsMatch.test(podLabels(deployment)))
                .toList();
    }

    private static List<String> envFromNames(Manifest deploymentManifest) {
        Deployment deployment = ManifestSchemas.typed(deploymentManifest, Deployment.class);
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(container -> container.getEnvFrom().stream())
                .filter(source -> source.getConfigMapRef() != null)
                .map(source -> source.getConfigMapRef().getName())
                .toList();
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        var metadata = deployment.getSpec().getTemplate().getMetadata();
        return metadata == null ? Map.of() : metadata.getLabels();
    }

    /** Only matchLabels are evaluated; an empty or expression selector is itself a problem here. */
    private boolean selects(Manifest manifest, String field, LabelSelector selector, Map<String, String> labels) {
        if (selector == null || selector.getMatchLabels().isEmpty()) {
            return false;
        }
        if (!selector.getMatchExpressions().isEmpty()) {
            problems.add(manifest.describe() + ": " + field + " uses matchExpressions, which these rules do not"
                    + " evaluate; select with matchLabels");
        }
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static Optional<ContainerPort> containerPort(Container container, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        return container.getPorts().stream()
                .filter(declared -> port.getStrVal() != null
                        ? port.getStrVal().equals(declared.getName())
                        : Objects.equals(port.getIntVal(), declared.getContainerPort()))
                .findFirst();
    }

    private static List<String> ports(Container container) {
        return container.getPorts().stream()
                .map(port -> port.getName() + "=" + port.getContainerPort())
                .toList();
    }

    private static String show(IntOrString value) {
        return value == null
                ? "(none)"
                : String.valueOf(value.getStrVal() != null ? value.getStrVal() : value.getIntVal());
    }

    private static String describe(LabelSelector selector) {
        return selector == null ? "(none)" : String.valueOf(selector.getMatchLabels());
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
