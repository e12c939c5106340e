package dev.evolve.eval.bytecode;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The wall behind the source check: reads every class file a variant compiled to (nested,
 * anonymous, local, records, enums, lambdas' bodies, javac's switch maps) and checks every
 * reference its code can make against an {@link ApiAllowlist}: each method called, field read or
 * written, type instantiated, cast, tested, caught or named as a class literal, each
 * {@code invokedynamic} bootstrap with its static arguments (the methods a lambda or method
 * reference stands for, the classes a pattern switch tests), each constant, each supertype and
 * the types of every declared field and method. Static and field initializers are methods like
 * any other. A reference to the variant's own classes is followed up their supertypes to the
 * member it resolves to. The check reads names only and runs no code, so it is safe on the
 * engine's side, on exactly the bytes a worker then loads.
 *
 * <pre>{@code
 * var wall = new ClassFileCheck(ApiAllowlist.javaKernel(target));
 * List<String> reasons = wall.violations(compiled.classes());  // e.g. "calls java.lang.Class.getMethods() in Matmul.multiply (reflection)"
 * }</pre>
 *
 * <p>Thread-safe: each call keeps its state to itself.
 */
public final class ClassFileCheck {

    /** Distinct reasons reported at most; the first ones say enough. */
    static final int MAX_REASONS = 5;
    /** Bounds on what javac made of a source that passed the source-size bound. */
    static final int MAX_CLASSES = 1_000;
    static final long MAX_TOTAL_BYTES = 16L << 20;

    private static final int PARSE = ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES;

    private final ApiAllowlist allow;

    public ClassFileCheck(ApiAllowlist allow) {
        this.allow = Objects.requireNonNull(allow, "allow");
    }

    /**
     * Why {@code classes} (binary name to class file) may not be loaded, most important first;
     * empty when every reference is allowed.
     */
    public List<String> violations(Map<String, byte[]> classes) {
        Objects.requireNonNull(classes, "classes");
        if (allow.permitsAll()) {
            return List.of();
        }
        if (classes.isEmpty()) {
            return List.of("there are no class files to check");
        }
        if (classes.size() > MAX_CLASSES) {
            return List.of("the variant compiles to " + classes.size() + " classes (at most " + MAX_CLASSES + ")");
        }
        long total = classes.values().stream().mapToLong(b -> b.length).sum();
        if (total > MAX_TOTAL_BYTES) {
            return List.of("the variant's class files take " + total + " bytes (at most " + MAX_TOTAL_BYTES + ")");
        }
        var run = new Run();
        Map<String, ClassReader> readers = new LinkedHashMap<>();
        for (var e : new TreeMap<>(classes).entrySet()) {     // by name: the same reasons first every time
            try {
                ClassReader reader = new ClassReader(e.getValue());
                String name = reader.getClassName();
                if (!name.equals(e.getKey().replace('.', '/'))) {
                    run.report("the class file of " + e.getKey() + " declares " + name.replace('/', '.'));
                } else if (name.indexOf('/') >= 0) {
                    run.report("declares class " + name.replace('/', '.') + " outside the default package");
                }
                run.declare(reader);
                readers.put(name, reader);
            } catch (RuntimeException ex) {
                run.report("the class file of " + e.getKey() + " cannot be read: " + ex);
            }
        }
        for (ClassReader reader : readers.values()) {
            if (run.full()) {
                break;
            }
            try {
                reader.accept(run.new Checker(), PARSE);
            } catch (RuntimeException ex) {
                run.report("the class file of " + reader.getClassName() + " cannot be read: " + ex);
            }
        }
        return List.copyOf(run.reasons);
    }

    /** What one class of the variant declares. */
    private record Declared(String superName, List<String> interfaces, Set<String> methods, Set<String> fields) {
    }

    /** The state of one check: the variant's declarations and the reasons found so far. */
    private final class Run implements Rules {
        private final Map<String, Declared> own = new HashMap<>();
        private final Set<String> reasons = new LinkedHashSet<>();

        boolean full() {
            return reasons.size() >= MAX_REASONS;
        }

        void report(String reason) {
            if (!full()) {
                reasons.add(reason);
            }
        }

        void declare(ClassReader reader) {
            Set<String> methods = new HashSet<>();
            Set<String> fields = new HashSet<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                    methods.add(name + desc);
                    return null;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
                    fields.add(name + ":" + desc);
                    return null;
                }
            }, ClassReader.SKIP_CODE | PARSE);
            own.put(reader.getClassName(), new Declared(reader.getSuperName(),
                    List.of(reader.getInterfaces()), methods, fields));
        }

        // ---- the rules -------------------------------------------------------------------------

        @Override
        public boolean ownType(String internalName) {
            return own.containsKey(internalName);
        }

        /** Null when code may name {@code type} (or the element type of an array), else the reason. */
        @Override
        public String typeProblem(Type type) {
            Type t = type.getSort() == Type.ARRAY ? type.getElementType() : type;
            if (t.getSort() != Type.OBJECT) {
                return null;
            }
            String name = t.getInternalName();
            return own.containsKey(name) || allow.typeAllowed(name) ? null : allow.reason(name);
        }

        String internalTypeProblem(String internalOrArray) {
            return typeProblem(internalOrArray.startsWith("[") ? Type.getType(internalOrArray)
                    : Type.getObjectType(internalOrArray));
        }

        /** Null when the method may be called, else the reason. */
        @Override
        public String methodProblem(String owner, String name, String desc) {
            if (JdkApi.OBJECT_DENIED.contains(name + desc)) {
                return allow.memberReason("java/lang/Object", name);
            }
            if (owner.startsWith("[")) {    // arrays: clone, and Object's harmless members
                String element = internalTypeProblem(owner);
                return element != null ? element : JdkApi.memberAllowed("java/lang/Object", name, false)
                        ? null : allow.memberReason("java/lang/Object", name);
            }
            if (own.containsKey(owner)) {
                return inherited(owner, name, desc, false);
            }
            if (allow.methodAllowed(owner, name, desc)) {
                return null;
            }
            return allow.typeAllowed(owner) ? allow.memberReason(owner, name) : allow.reason(owner);
        }

        /** Null when the field may be read or written, else the reason. */
        @Override
        public String fieldProblem(String owner, String name, String desc) {
            if (own.containsKey(owner)) {
                return inherited(owner, name, desc, true);
            }
            if (allow.fieldAllowed(owner, name, desc)) {
                return null;
            }
            return allow.typeAllowed(owner) ? allow.memberReason(owner, name) : allow.reason(owner);
        }

        /**
         * Resolves a member named on one of the variant's classes: declared by the variant's
         * classes up the hierarchy, or else allowed on a supertype outside the variant.
         */
        private String inherited(String owner, String name, String desc, boolean field) {
            String member = field ? name + ":" + desc : name + desc;
            var queue = new ArrayDeque<String>();
            var seen = new HashSet<String>();
            var outside = new LinkedHashSet<String>();
            queue.add(owner);
            while (!queue.isEmpty()) {
                String type = queue.poll();
                if (!seen.add(type)) {
                    continue;
                }
                Declared d = own.get(type);
                if (d == null) {
                    outside.add(type);
                    continue;
                }
                if ((field ? d.fields() : d.methods()).contains(member)) {
                    return null;
                }
                if (d.superName() != null) {
                    queue.add(d.superName());
                }
                queue.addAll(d.interfaces());
            }
            for (String type : outside) {
                if (field ? allow.fieldAllowed(type, name, desc) : allow.methodAllowed(type, name, desc)) {
                    return null;
                }
            }
            String from = outside.isEmpty() ? "java/lang/Object" : outside.getFirst();
            return allow.memberReason(from, name) + ", inherited from " + Descriptors.display(from);
        }

        // ---- the visitor ----------------------------------------------------------------------

        private final class Checker extends ClassVisitor {
            private String className;

            Checker() {
                super(Opcodes.ASM9);
            }

            @Override
            public void visit(int version, int access, String name, String sig, String superName, String[] interfaces) {
                className = name;
                if (superName != null && !own.containsKey(superName)) {
                    String why = internalTypeProblem(superName);
                    if (why != null) {
                        report(Descriptors.display(name) + " extends " + Descriptors.display(superName) + " (" + why + ")");
                    }
                }
                for (String i : interfaces) {
                    String why = internalTypeProblem(i);
                    if (why != null) {
                        report(Descriptors.display(name) + " implements " + Descriptors.display(i) + " (" + why + ")");
                    }
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
                String why = typeProblem(Type.getType(desc));
                if (why != null) {
                    report("declares field " + Descriptors.display(className) + "." + name + " of type "
                            + Descriptors.typeName(Type.getType(desc)) + " (" + why + ")");
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                String where = Descriptors.where(className, name);
                if ((access & Opcodes.ACC_NATIVE) != 0) {
                    report("declares native method " + Descriptors.display(className) + "." + name + " (native code)");
                }
                if (name.equals("finalize") && desc.equals("()V")) {
                    report("declares finalize() in " + Descriptors.display(className) + " (finalization)");
                }
                Type method = Type.getMethodType(desc);
                for (Type t : method.getArgumentTypes()) {
                    typeUse(t, "declares a parameter of type", where);
                }
                typeUse(method.getReturnType(), "declares a result of type", where);
                return new CodeChecker(where);
            }

            private void typeUse(Type t, String what, String where) {
                String why = typeProblem(t);
                if (why != null) {
                    report(what + " " + Descriptors.typeName(t) + " in " + where + " (" + why + ")");
                }
            }
        }

        private final class CodeChecker extends MethodVisitor {
            private final String where;

            CodeChecker(String where) {
                super(Opcodes.ASM9);
                this.where = where;
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
                method(owner, name, desc);
            }

            private void method(String owner, String name, String desc) {
                String why = methodProblem(owner, name, desc);
                if (why != null) {
                    report("calls " + Descriptors.method(owner, name, desc) + " in " + where + " (" + why + ")");
                }
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                String why = fieldProblem(owner, name, desc);
                if (why != null) {
                    String verb = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC ? "reads" : "writes";
                    report(verb + " " + Descriptors.display(owner) + "." + name + " in " + where + " (" + why + ")");
                }
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                type(type);
            }

            @Override
            public void visitMultiANewArrayInsn(String desc, int dims) {
                type(desc);
            }

            @Override
            public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                                           org.objectweb.asm.Label handler, String type) {
                if (type != null) {
                    type(type);
                }
            }

            private void type(String internalOrArray) {
                String why = internalTypeProblem(internalOrArray);
                if (why != null) {
                    report("uses " + Descriptors.display(internalOrArray) + " in " + where + " (" + why + ")");
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                constant(value, "loads");
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String desc, org.objectweb.asm.Handle bsm, Object... args) {
                new Bootstraps(this::report, where, Run.this).invokedynamic(name, desc, bsm, args);
            }

            void constant(Object value, String verb) {
                new Bootstraps(this::report, where, Run.this).constant(value, verb);
            }

            private void report(String reason) {
                Run.this.report(reason);
            }
        }
    }

    /** The rules {@link Bootstraps} checks its handles and constants with. */
    interface Rules {
        String typeProblem(Type type);

        String methodProblem(String owner, String name, String desc);

        String fieldProblem(String owner, String name, String desc);

        boolean ownType(String internalName);
    }
}
