package dev.evolve.eval.bytecode;

import dev.evolve.kernels.Construct;
import dev.evolve.kernels.KernelTarget;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.Type;

/**
 * What the compiled code of one target's variants may reference outside the variant's own
 * classes: the JDK's pure computation ({@link JdkApi}), the target's kernel interface, the
 * parallel streams, the Vector API and {@code AtomicInteger} with {@code Thread.onSpinWait} where
 * the target allows them, and for Aparapi targets the kernel API of {@code com.aparapi.Kernel} and {@code Range}. Immutable; names are internal
 * class names ({@code java/lang/Math}).
 *
 * <pre>{@code
 * ApiAllowlist allow = ApiAllowlist.javaKernel(Targets.require("matmul"));
 * allow.typeAllowed("java/lang/Math");                   // true
 * allow.methodAllowed("java/lang/Class", "getMethods", "()[Ljava/lang/reflect/Method;"); // false
 * }</pre>
 */
public final class ApiAllowlist {

    private static final String APARAPI_KERNEL = "com/aparapi/Kernel";
    private static final String APARAPI_RANGE = "com/aparapi/Range";
    /** What an Aparapi kernel's API members may take and return: no device handles, profiles or atomics. */
    private static final Set<Class<?>> APARAPI_SIGNATURE_TYPES = Set.of(String.class, Object.class);
    /** With {@link Construct#ATOMICS}: the one type of {@code java.util.concurrent} a kernel may use, all of it. */
    private static final String ATOMIC_INTEGER = "java/util/concurrent/atomic/AtomicInteger";
    /**
     * With {@link Construct#ATOMICS}: the one member of {@code Thread}, a hint to the processor inside a spin loop.
     * {@code Thread} stays an unknown type, so a variant can neither name it nor extend it.
     */
    private static final String SPIN_WAIT = "java/lang/Thread.onSpinWait()V";

    /** Set only by {@link #permitAllForTesting()}. */
    private final boolean permitAll;
    private final boolean parallel;
    private final boolean vectorApi;
    private final boolean atomics;
    private final boolean aparapi;
    /** Internal names of the kernel interfaces (the target's and the interfaces it extends). */
    private final Set<String> kernelTypes;
    /** Project types in the kernel interfaces' signatures: a variant may name them, not use their members. */
    private final Set<String> signatureTypes;
    /** name + descriptor of every member the kernel interfaces declare or inherit from each other. */
    private final Set<String> kernelMembers;
    /** name + descriptor of Aparapi's kernel API (Kernel and Range), empty for plain Java targets. */
    private final Set<String> aparapiMembers;

    private ApiAllowlist(Class<?> kernelInterface, Set<Construct> constructs, boolean aparapi) {
        this(kernelInterface, constructs, aparapi, false);
    }

    private ApiAllowlist(Class<?> kernelInterface, Set<Construct> constructs, boolean aparapi, boolean permitAll) {
        this.permitAll = permitAll;
        this.parallel = constructs.contains(Construct.PARALLEL_STREAMS);
        this.vectorApi = constructs.contains(Construct.VECTOR_API);
        this.atomics = constructs.contains(Construct.ATOMICS);
        this.aparapi = aparapi;
        this.kernelTypes = new HashSet<>();
        this.kernelMembers = new HashSet<>();
        this.signatureTypes = new HashSet<>();
        addKernelInterface(kernelInterface);
        this.aparapiMembers = aparapi ? aparapiApi() : Set.of();
    }

    /** A Java kernel of {@code target}: plain Java plus the constructs the target allows. */
    public static ApiAllowlist javaKernel(KernelTarget target) {
        Objects.requireNonNull(target, "target");
        return new ApiAllowlist(target.kernelInterface(), target.allowedConstructs(), false);
    }

    /** An Aparapi kernel of {@code target}: a subclass of {@code com.aparapi.Kernel}, plain Java and Aparapi's kernel API. */
    public static ApiAllowlist aparapiKernel(KernelTarget target) {
        Objects.requireNonNull(target, "target");
        return new ApiAllowlist(target.kernelInterface(), target.allowedConstructs(), true);
    }

    /**
     * Lets every class file through. Only for tests of the walls behind this one (the worker
     * process, the OS sandbox, the runtime flags), which must show that they hold alone; never for
     * evaluating candidates.
     */
    public static ApiAllowlist permitAllForTesting() {
        return new ApiAllowlist(Runnable.class, Set.of(), false, true);
    }

    /** Whether this is {@link #permitAllForTesting()}. */
    public boolean permitsAll() {
        return permitAll;
    }

    private void addKernelInterface(Class<?> type) {
        if (!kernelTypes.add(Type.getInternalName(type))) {
            return;
        }
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() != Object.class) {
                kernelMembers.add(m.getName() + Type.getMethodDescriptor(m));
                Stream.concat(Stream.of(m.getReturnType()), Arrays.stream(m.getParameterTypes()))
                        .map(ApiAllowlist::elementType)
                        .filter(t -> !t.isPrimitive() && t.getName().startsWith("dev.evolve."))
                        .forEach(t -> signatureTypes.add(Type.getInternalName(t)));
            }
        }
        for (Field f : type.getFields()) {
            kernelMembers.add(f.getName() + Type.getDescriptor(f.getType()));
        }
        for (Class<?> parent : type.getInterfaces()) {
            addKernelInterface(parent);
        }
    }

    /**
     * Aparapi's kernel API: of {@code Kernel}, what Aparapi maps to OpenCL (its methods marked
     * {@code @OpenCLDelegate} or {@code @OpenCLMapping}: {@code getGlobalId}, {@code localBarrier},
     * the math functions, ...) and {@code execute}, which the seed's host-side method calls; of
     * {@code Range}, its factories and accessors. In both, only members whose signatures hold
     * primitives, arrays of them, {@code Range}, {@code Kernel} and strings, which leaves out device
     * handles, profiling, execution modes and atomics.
     */
    private static Set<String> aparapiApi() {
        try {
            Class<?> kernel = Class.forName(APARAPI_KERNEL.replace('/', '.'), false, ApiAllowlist.class.getClassLoader());
            Class<?> range = Class.forName(APARAPI_RANGE.replace('/', '.'), false, ApiAllowlist.class.getClassLoader());
            Set<String> out = new HashSet<>();
            for (Class<?> c : new Class<?>[] {kernel, range}) {
                for (Method m : c.getDeclaredMethods()) {
                    boolean visible = Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
                    boolean kernelApi = c == range || deviceSide(m, kernel) || m.getName().equals("execute");
                    if (visible && kernelApi && !m.isSynthetic() && Stream.concat(Stream.of(m.getReturnType()),
                            Arrays.stream(m.getParameterTypes())).allMatch(t -> aparapiSafe(t, kernel, range))) {
                        out.add(c.getName() + "." + m.getName() + Type.getMethodDescriptor(m));
                    }
                }
                for (var k : c.getDeclaredConstructors()) {
                    if (Arrays.stream(k.getParameterTypes()).allMatch(t -> aparapiSafe(t, kernel, range))) {
                        out.add(c.getName() + ".<init>" + Type.getConstructorDescriptor(k));
                    }
                }
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())
                        && Modifier.isFinal(f.getModifiers()) && aparapiSafe(f.getType(), kernel, range)) {
                        out.add(c.getName() + "." + f.getName() + Type.getDescriptor(f.getType()));
                    }
                }
            }
            return Set.copyOf(out);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Aparapi is not on the class path: " + e, e);
        }
    }

    /** Marked by Aparapi as mapped to OpenCL (its annotation types nested in {@code Kernel}). */
    private static boolean deviceSide(Method m, Class<?> kernel) {
        return Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().getEnclosingClass() == kernel
                && (a.annotationType().getSimpleName().equals("OpenCLDelegate")
                    || a.annotationType().getSimpleName().equals("OpenCLMapping")));
    }

    private static Class<?> elementType(Class<?> t) {
        Class<?> base = t;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        return base;
    }

    private static boolean aparapiSafe(Class<?> t, Class<?> kernel, Class<?> range) {
        Class<?> base = elementType(t);
        return base.isPrimitive() || base == kernel || base == range
               || APARAPI_SIGNATURE_TYPES.contains(base) && !t.isArray();
    }

    /** Whether the target allows parallel streams (methods named {@code parallel...}). */
    boolean parallel() {
        return parallel;
    }

    /**
     * Whether code may name {@code type} (internal name, not an array): in a type instruction, a
     * class literal, a signature, or as a supertype.
     */
    public boolean typeAllowed(String type) {
        return kernelTypes.contains(type) || signatureTypes.contains(type) || JdkApi.knownType(type, vectorApi)
               || atomics && type.equals(ATOMIC_INTEGER)
               || aparapi && (type.equals(APARAPI_KERNEL) || type.equals(APARAPI_RANGE));
    }

    /** Whether a call of method {@code name}{@code desc} on {@code owner}, a type outside the variant, is allowed. */
    public boolean methodAllowed(String owner, String name, String desc) {
        if (JdkApi.OBJECT_DENIED.contains(name + desc)) {
            return false;
        }
        if (!parallel && name.startsWith("parallel")) {
            return false;
        }
        if (kernelTypes.contains(owner)) {
            return kernelMembers.contains(name + desc);
        }
        if (atomics && (owner.equals(ATOMIC_INTEGER) || (owner + "." + name + desc).equals(SPIN_WAIT))) {
            return true;
        }
        if (aparapi && (owner.equals(APARAPI_KERNEL) || owner.equals(APARAPI_RANGE))) {
            return aparapiMembers.contains(owner.replace('/', '.') + "." + name + desc)
                   || JdkApi.memberAllowed("java/lang/Object", name, vectorApi);
        }
        return JdkApi.memberAllowed(owner, name, vectorApi);
    }

    /** Whether access to field {@code name} of {@code owner}, a type outside the variant, is allowed. */
    public boolean fieldAllowed(String owner, String name, String desc) {
        if (kernelTypes.contains(owner)) {
            return kernelMembers.contains(name + desc);
        }
        if (aparapi && (owner.equals(APARAPI_KERNEL) || owner.equals(APARAPI_RANGE))) {
            return aparapiMembers.contains(owner.replace('/', '.') + "." + name + desc);
        }
        // fields of the narrow types (System.out, ...) are no member they list
        return JdkApi.memberAllowed(owner, name, vectorApi) && !owner.equals("java/lang/System");
    }

    /** Why {@code type} is off limits, for a message. */
    String reason(String type) {
        return JdkApi.reason(type, vectorApi);
    }

    /** Why member {@code name} of {@code owner} is off limits, for a message. */
    String memberReason(String owner, String name) {
        if (!parallel && name.startsWith("parallel")) {
            return "parallel streams are not enabled for this target";
        }
        return switch (name) {
            case "getClass" -> "reflection";
            case "wait", "notify", "notifyAll" -> "threads";
            case "finalize" -> "finalization";
            default -> kernelTypes.contains(owner) ? "not a member of the kernel interface"
                    : aparapi && owner.startsWith("com/aparapi/") ? "Aparapi host API a kernel does not need"
                    : JdkApi.reason(owner, vectorApi);
        };
    }
}
