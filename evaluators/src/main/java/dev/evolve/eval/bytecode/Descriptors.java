package dev.evolve.eval.bytecode;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.objectweb.asm.Type;

/** How class-file names read in a message: {@code java.lang.Class.getMethods()}, {@code a lambda in Matmul.multiply}. */
final class Descriptors {

    private Descriptors() {
    }

    /** A type as Java spells it, from an internal name or an array descriptor. */
    static String display(String internalOrArray) {
        return internalOrArray.startsWith("[") ? Type.getType(internalOrArray).getClassName()
                : internalOrArray.replace('/', '.');
    }

    static String typeName(Type t) {
        return t.getClassName();
    }

    /** {@code java.lang.System.exit(int)}, or {@code new java.util.Formatter(String)} for a constructor. */
    static String method(String owner, String name, String desc) {
        String params = Arrays.stream(Type.getArgumentTypes(desc)).map(Descriptors::simpleName)
                .collect(Collectors.joining(", "));
        return name.equals("<init>") ? "new " + display(owner) + "(" + params + ")"
                : display(owner) + "." + name + "(" + params + ")";
    }

    private static String simpleName(Type t) {
        String name = t.getClassName();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /** Where code is, from its class and method names, reading javac's synthetic names back as source. */
    static String where(String className, String methodName) {
        String type = display(className);
        if (methodName.startsWith("lambda$")) {
            String[] parts = methodName.split("\\$");
            String host = parts.length > 1 ? parts[1] : "";
            return "a lambda in " + switch (host) {
                case "static" -> "the static initializer of " + type;
                case "new" -> "a constructor of " + type;
                default -> type + "." + host;
            };
        }
        return switch (methodName) {
            case "<clinit>" -> "the static initializer of " + type;
            case "<init>" -> "a constructor of " + type;
            default -> type + "." + methodName;
        };
    }
}
