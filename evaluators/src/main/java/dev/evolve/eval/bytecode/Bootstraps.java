package dev.evolve.eval.bytecode;

import java.util.function.Consumer;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks {@code invokedynamic} call sites and loaded constants. Only the bootstraps javac uses
 * for plain Java are allowed: lambdas and method references ({@code LambdaMetafactory}, whose
 * target method is checked like a call), string concatenation ({@code StringConcatFactory}),
 * records' {@code equals}/{@code hashCode}/{@code toString} ({@code ObjectMethods}, on the record's
 * own fields) and pattern switches ({@code SwitchBootstraps}, whose case classes are checked like
 * any class named). Method handle and method type constants, which Java source cannot write, are refused.
 */
final class Bootstraps {

    /** Nesting of dynamic constants javac never goes beyond. */
    private static final int MAX_DEPTH = 8;

    private final Consumer<String> report;
    private final String where;
    private final ClassFileCheck.Rules rules;

    Bootstraps(Consumer<String> report, String where, ClassFileCheck.Rules rules) {
        this.report = report;
        this.where = where;
        this.rules = rules;
    }

    void invokedynamic(String name, String desc, Handle bsm, Object[] args) {
        String key = bsm.getOwner() + "." + bsm.getName();
        switch (key) {
            case "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory" -> {
                Type made = Type.getReturnType(desc);
                String why = rules.typeProblem(made);
                if (why != null) {
                    report.accept("makes a lambda of type " + made.getClassName() + " in " + where + " (" + why + ")");
                }
                for (Object arg : args) {
                    argument(arg, 0);
                }
            }
            case "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
                 "java/lang/invoke/StringConcatFactory.makeConcat" -> {
                for (Object arg : args) {
                    argument(arg, 0);
                }
            }
            case "java/lang/runtime/ObjectMethods.bootstrap" -> recordMethods(args);
            case "java/lang/runtime/SwitchBootstraps.typeSwitch", "java/lang/runtime/SwitchBootstraps.enumSwitch" -> {
                for (Object arg : args) {
                    argument(arg, 0);
                }
            }
            default -> report.accept("uses the invokedynamic bootstrap " + Descriptors.display(bsm.getOwner()) + "."
                    + bsm.getName() + " in " + where + " (only lambdas, string concatenation, records and switches)");
        }
    }

    /** A record's generated methods: its own class, names, and getters of its own fields. */
    private void recordMethods(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof Type t && (t.getSort() != Type.OBJECT || !rules.ownType(t.getInternalName()))
                || arg instanceof Handle h && (h.getTag() != Opcodes.H_GETFIELD || !rules.ownType(h.getOwner()))
                || !(arg instanceof Type || arg instanceof Handle || arg instanceof String)) {
                report.accept("uses records' ObjectMethods bootstrap on something other than its own record in "
                        + where + " (" + arg + ")");
                return;
            }
        }
    }

    /** A constant an {@code ldc} loads. */
    void constant(Object value, String verb) {
        switch (value) {
            case Type t when t.getSort() == Type.METHOD ->
                    report.accept(verb + " a method type constant in " + where + " (method handles)");
            case Type t -> {
                String why = rules.typeProblem(t);
                if (why != null) {
                    report.accept(verb + " the class literal " + t.getClassName() + ".class in " + where + " (" + why + ")");
                }
            }
            case Handle h -> report.accept(verb + " a method handle to " + Descriptors.display(h.getOwner()) + "."
                    + h.getName() + " in " + where + " (method handles)");
            case ConstantDynamic c -> dynamicConstant(c, 0);
            default -> {
                // numbers and strings
            }
        }
    }

    /** A bootstrap's static argument: method types, handles (checked as the member they name), nested constants. */
    private void argument(Object arg, int depth) {
        switch (arg) {
            case Type t when t.getSort() == Type.METHOD -> {
                for (Type p : t.getArgumentTypes()) {
                    argument(p, depth);
                }
                argument(t.getReturnType(), depth);
            }
            case Type t -> {
                String why = rules.typeProblem(t);
                if (why != null) {
                    report.accept("names " + t.getClassName() + " in " + where + " (" + why + ")");
                }
            }
            case Handle h -> handle(h);
            case ConstantDynamic c -> dynamicConstant(c, depth + 1);
            default -> {
                // numbers and strings
            }
        }
    }

    private void handle(Handle h) {
        String why = switch (h.getTag()) {
            case Opcodes.H_GETFIELD, Opcodes.H_GETSTATIC, Opcodes.H_PUTFIELD, Opcodes.H_PUTSTATIC ->
                    rules.fieldProblem(h.getOwner(), h.getName(), h.getDesc());
            default -> rules.methodProblem(h.getOwner(), h.getName(), h.getDesc());
        };
        if (why != null) {
            String member = h.getTag() <= Opcodes.H_PUTSTATIC ? Descriptors.display(h.getOwner()) + "." + h.getName()
                    : Descriptors.method(h.getOwner(), h.getName(), h.getDesc());
            report.accept("refers to " + member + " in " + where + " (" + why + ")");
        }
    }

    /**
     * The only dynamic constants javac writes for Java source: an enum constant as a switch label,
     * {@code ConstantBootstraps.invoke(EnumDesc.of(ClassDesc.of(name), constant))}.
     */
    private void dynamicConstant(ConstantDynamic c, int depth) {
        Handle bsm = c.getBootstrapMethod();
        boolean invoke = bsm.getOwner().equals("java/lang/invoke/ConstantBootstraps") && bsm.getName().equals("invoke");
        Object factory = c.getBootstrapMethodArgumentCount() > 0 ? c.getBootstrapMethodArgument(0) : null;
        boolean known = factory instanceof Handle h && h.getTag() == Opcodes.H_INVOKESTATIC
                        && (h.getOwner().equals("java/lang/Enum$EnumDesc") && h.getName().equals("of")
                            || h.getOwner().equals("java/lang/constant/ClassDesc") && h.getName().equals("of"));
        if (!invoke || !known || depth > MAX_DEPTH) {
            report.accept("loads the dynamic constant " + c.getName() + " of " + Descriptors.display(bsm.getOwner())
                    + "." + bsm.getName() + " in " + where + " (only enum labels of a switch)");
            return;
        }
        boolean classDesc = ((Handle) factory).getOwner().equals("java/lang/constant/ClassDesc");
        for (int i = 1; i < c.getBootstrapMethodArgumentCount(); i++) {
            Object arg = c.getBootstrapMethodArgument(i);
            if (classDesc && arg instanceof String className) {
                argument(Type.getObjectType(className.replace('.', '/')), depth);
            } else if (arg instanceof ConstantDynamic nested) {
                dynamicConstant(nested, depth + 1);
            } else if (!(arg instanceof String)) {
                report.accept("loads the dynamic constant " + c.getName() + " with argument " + arg + " in " + where
                        + " (only enum labels of a switch)");
            }
        }
    }
}
