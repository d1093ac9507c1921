package dev.agentmarketplace.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A native executable can only serialize what is registered for reflection: every record of the
 * API's JSON, and every type of ours it holds, is listed in {@link ReflectiveJson}.
 */
class ReflectiveJsonTest {
    private static final String OURS = "dev.agentmarketplace.";

    @Test
    void everyJsonShapeOfTheApiIsRegisteredForReflectionAndNothingElse() throws Exception {
        Set<String> registered = Arrays.stream(ReflectiveJson.class
                        .getAnnotation(RegisterForReflection.class)
                        .targets())
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> shapes = reachableFrom(jsonRoots());

        assertThat(shapes).as("the JSON shapes found").contains("dev.agentmarketplace.api.problem.Problem");
        assertThat(registered)
                .as("ReflectiveJson's targets, against the JSON shapes of the API")
                .containsExactlyInAnyOrderElementsOf(shapes);
    }

    /** The records the API reads or writes as JSON, by the naming the module keeps. */
    private static List<Class<?>> jsonRoots() throws IOException, URISyntaxException {
        Path classes = Path.of(ReflectiveJson.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(file -> classes.relativize(file).toString())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length())
                            .replace('/', '.')
                            .replace('\\', '.'))
                    .map(ReflectiveJsonTest::load)
                    .filter(type -> type.isRecord() && isJsonShape(type.getSimpleName()))
                    .toList();
        }
    }

    private static boolean isJsonShape(String simpleName) {
        return simpleName.endsWith("View")
                || simpleName.endsWith("Request")
                || simpleName.endsWith("Body")
                || simpleName.equals("Problem")
                || simpleName.equals("CursorPage");
    }

    /** The roots and every type of ours their components hold, type arguments included. */
    private static Set<String> reachableFrom(List<Class<?>> roots) {
        Set<String> seen = new TreeSet<>();
        Deque<Type> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            Type type = pending.pop();
            switch (type) {
                case Class<?> plain when plain.isArray() -> pending.push(plain.getComponentType());
                case Class<?> plain -> {
                    if (plain.getName().startsWith(OURS) && seen.add(plain.getName()) && plain.isRecord()) {
                        for (RecordComponent component : plain.getRecordComponents()) {
                            pending.push(component.getGenericType());
                        }
                    }
                }
                case ParameterizedType parameterized -> {
                    pending.push(parameterized.getRawType());
                    pending.addAll(Arrays.asList(parameterized.getActualTypeArguments()));
                }
                case GenericArrayType array -> pending.push(array.getGenericComponentType());
                case WildcardType wildcard -> pending.addAll(Arrays.asList(wildcard.getUpperBounds()));
                default -> {} // a type variable: its arguments are reached where it is used
            }
        }
        return seen;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ReflectiveJsonTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
