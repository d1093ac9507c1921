package dev.agentmarketplace.app.kubernetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Checks each rendered document offline against the schema of its kind, as the API server would:
 * Kubernetes kinds through fabric8's typed models, CloudNativePG's Cluster through a JSON Schema
 * written from its CRD (src/test/resources/kubernetes/cnpg-cluster-v1.schema.json).
 *
 * <p>fabric8's models keep a field they do not know in {@code additionalProperties} instead of
 * refusing it, so every object of the deserialized graph is walked and any such field is a
 * problem: the API server (with field validation Strict, kubectl's default since 1.27) refuses it.
 */
final class ManifestSchemas {

    /** The kinds the manifests may use, by apiVersion and kind. Anything else is a problem. */
    private static final Map<String, Class<?>> TYPED_MODELS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    private static final String CNPG_CLUSTER = "postgresql.cnpg.io/v1/Cluster";

    /**
     * Strict like the API server: "3" is no integer, and 8080 or true is no string (a ConfigMap
     * value, say, which a lenient mapper would turn into "8080").
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .withCoercionConfig(LogicalType.Integer, ManifestSchemas::refuseScalarCoercion)
            .withCoercionConfig(LogicalType.Float, ManifestSchemas::refuseScalarCoercion)
            .withCoercionConfig(LogicalType.Boolean, ManifestSchemas::refuseScalarCoercion)
            .withCoercionConfig(LogicalType.Textual, ManifestSchemas::refuseScalarCoercion)
            .build();

    private static final Schema CNPG_CLUSTER_SCHEMA = loadSchema("/kubernetes/cnpg-cluster-v1.schema.json");

    private ManifestSchemas() {}

    private static void refuseScalarCoercion(tools.jackson.databind.cfg.MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** The document as its typed model; only for documents {@link #problems} accepted. */
    static <T> T typed(Manifest manifest, Class<T> type) {
        return MAPPER.treeToValue(manifest.tree(), type);
    }

    /** What the API server would refuse in this document: unknown kinds, unknown fields, wrong types. */
    static List<String> problems(Manifest manifest) {
        String key = manifest.apiVersion() + "/" + manifest.kind();
        if (key.equals(CNPG_CLUSTER)) {
            return CNPG_CLUSTER_SCHEMA.validate(manifest.tree()).stream()
                    .map(error -> manifest.describe() + ": " + describe(error))
                    .toList();
        }
        Class<?> model = TYPED_MODELS.get(key);
        if (model == null) {
            return List.of(manifest.describe() + ": no schema for apiVersion " + manifest.apiVersion() + " kind "
                    + manifest.kind() + " (known: " + TYPED_MODELS.keySet() + ", " + CNPG_CLUSTER + ")");
        }
        Object typed;
        try {
            typed = MAPPER.treeToValue(manifest.tree(), model);
        } catch (DatabindException wrongType) {
            return List.of(manifest.describe() + ": " + pathOf(wrongType) + ": " + wrongType.getOriginalMessage());
        } catch (JacksonException unreadable) {
            return List.of(manifest.describe() + ": " + unreadable.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(typed, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return problems.stream()
                .map(problem -> manifest.describe() + ": " + problem)
                .toList();
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }

    private static String pathOf(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(document)" : path.toString();
    }

    /** Walks the model's getters; a non-empty additionalProperties is a field the schema lacks. */
    private static void unknownFields(Object node, String path, List<String> problems, Set<Object> seen) {
        if (node == null || !isModel(node.getClass()) || !seen.add(node)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> unknown) {
                    unknown.keySet()
                            .forEach(field -> problems.add(
                                    join(path, String.valueOf(field)) + ": unknown field (no such field in "
                                            + node.getClass().getSimpleName() + ")"));
                }
                continue;
            }
            String property = join(path, propertyName(getter));
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    unknownFields(item, property + "[" + i++ + "]", problems, seen);
                }
            } else if (value instanceof Map<?, ?> entries) {
                entries.forEach((key, item) -> unknownFields(item, property + "[" + key + "]", problems, seen));
            } else {
                unknownFields(value, property, problems, seen);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        return type.getName().startsWith("io.fabric8.") && !type.isEnum();
    }

    private static String propertyName(Method getter) {
        JsonProperty annotation = getter.getAnnotation(JsonProperty.class);
        if (annotation != null && !annotation.value().isEmpty()) {
            return annotation.value();
        }
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    private static Schema loadSchema(String resource) {
        try (InputStream in = ManifestSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
