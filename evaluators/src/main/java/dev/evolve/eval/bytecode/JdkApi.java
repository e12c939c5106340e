package dev.evolve.eval.bytecode;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDK a kernel may reach, in class-file terms (internal names such as {@code java/lang/Math}).
 * Three kinds of type: <em>open</em> types, every member of which a kernel may use (pure
 * computation: {@code Math}, arrays, boxed numbers, strings, collections, streams, functional
 * interfaces, {@code java.math}, the Vector API); <em>narrow</em> types, of which only the listed
 * members (the rest of {@code Object}, {@code System}, {@code Enum}, {@code Record}, exceptions);
 * and everything else, which is off limits. A few members of open types are denied by name
 * because they read the process's state ({@code Integer.getInteger} reads system properties).
 */
final class JdkApi {

    /** Open types: any member. */
    private static final Set<String> OPEN_TYPES = Set.of(
            "java/lang/Math", "java/lang/StrictMath",
            "java/lang/Number", "java/lang/Integer", "java/lang/Long", "java/lang/Double", "java/lang/Float",
            "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean", "java/lang/Void",
            "java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer", "java/lang/CharSequence",
            "java/lang/Comparable", "java/lang/Iterable", "java/lang/Runnable", "java/lang/AutoCloseable",
            "java/lang/Cloneable",
            "java/util/Arrays", "java/util/Objects", "java/util/Random", "java/util/SplittableRandom",
            "java/util/Optional", "java/util/OptionalInt", "java/util/OptionalLong", "java/util/OptionalDouble",
            "java/util/StringJoiner", "java/util/Comparator", "java/util/BitSet", "java/util/Locale",
            "java/util/IntSummaryStatistics", "java/util/LongSummaryStatistics", "java/util/DoubleSummaryStatistics",
            "java/util/Collection", "java/util/SequencedCollection", "java/util/List", "java/util/ArrayList",
            "java/util/LinkedList", "java/util/Set", "java/util/SequencedSet", "java/util/SortedSet",
            "java/util/NavigableSet", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet",
            "java/util/Map", "java/util/Map$Entry", "java/util/SequencedMap", "java/util/SortedMap",
            "java/util/NavigableMap", "java/util/HashMap", "java/util/LinkedHashMap", "java/util/TreeMap",
            "java/util/Queue", "java/util/Deque", "java/util/ArrayDeque", "java/util/PriorityQueue",
            "java/util/Iterator", "java/util/ListIterator", "java/util/Collections",
            "java/util/Spliterator", "java/util/Spliterators", "java/util/PrimitiveIterator",
            "java/util/PrimitiveIterator$OfInt", "java/util/PrimitiveIterator$OfLong",
            "java/util/PrimitiveIterator$OfDouble");

    /** Packages whose every type is open (streams, functional interfaces, big numbers). */
    private static final Set<String> OPEN_PACKAGES = Set.of("java/util/stream", "java/util/function", "java/math");

    /** The Vector API's package, open where a target allows it. */
    static final String VECTOR_PACKAGE = "jdk/incubator/vector";

    /** Members of open types that read the process's state, by owner and name. */
    private static final Map<String, Set<String>> DENIED_MEMBERS = Map.of(
            "java/lang/Integer", Set.of("getInteger"),
            "java/lang/Long", Set.of("getLong"),
            "java/lang/Boolean", Set.of("getBoolean"),
            "java/util/Locale", Set.of("setDefault"));

    /** Object's members that reach reflection or monitors, denied on every owner (arrays and own classes too). */
    static final Set<String> OBJECT_DENIED = Set.of("getClass()Ljava/lang/Class;", "wait()V", "wait(J)V", "wait(JI)V",
            "notify()V", "notifyAll()V", "finalize()V");

    /** Narrow types: only these members, by name (constructors as {@code <init>}). */
    private static final Map<String, Set<String>> NARROW_TYPES = Map.of(
            "java/lang/Object", Set.of("<init>", "equals", "hashCode", "toString", "clone"),
            "java/lang/System", Set.of("arraycopy", "nanoTime", "currentTimeMillis", "identityHashCode"),
            "java/lang/Enum", Set.of("<init>", "name", "ordinal", "compareTo", "equals", "hashCode", "toString", "valueOf"),
            "java/lang/Record", Set.of("<init>", "equals", "hashCode", "toString"),
            // javac's `assert` asks its own class whether assertions are on
            "java/lang/Class", Set.of("desiredAssertionStatus"));

    /** What an exception of java.lang or java.util may do in a kernel: be made, thrown, caught and read. */
    private static final Set<String> THROWABLE_MEMBERS = Set.of("<init>", "getMessage", "getLocalizedMessage",
            "getCause", "initCause", "addSuppressed", "getSuppressed", "toString", "equals", "hashCode");

    /** Why a member of a type that is open only in part is off limits, for the message. */
    private static final Map<String, String> MEMBER_REASONS = Map.of(
            "java/lang/System", "only System.arraycopy, currentTimeMillis, identityHashCode and nanoTime are allowed",
            "java/lang/Object", "reflection and monitors",
            "java/lang/Integer", "system properties",
            "java/lang/Long", "system properties",
            "java/lang/Boolean", "system properties",
            "java/util/Locale", "the worker's default locale is not the kernel's to change");

    private static final Map<String, Boolean> THROWABLES = new ConcurrentHashMap<>();

    private JdkApi() {
    }

    /** Whether code may name {@code type} (an internal class name, not an array) at all. */
    static boolean knownType(String type, boolean vectorApi) {
        return OPEN_TYPES.contains(type)
               || OPEN_PACKAGES.contains(packageOf(type))
               || (NARROW_TYPES.containsKey(type) && !type.equals("java/lang/Class"))   // Class: one member, never named
               || (vectorApi && packageOf(type).equals(VECTOR_PACKAGE))
               || isThrowable(type);
    }

    /** Whether member {@code name} of JDK type {@code owner} is allowed (Object's denied members are checked apart). */
    static boolean memberAllowed(String owner, String name, boolean vectorApi) {
        if (OPEN_TYPES.contains(owner) || OPEN_PACKAGES.contains(packageOf(owner))
            || vectorApi && packageOf(owner).equals(VECTOR_PACKAGE)) {
            return !DENIED_MEMBERS.getOrDefault(owner, Set.of()).contains(name);
        }
        Set<String> narrow = NARROW_TYPES.get(owner);
        if (narrow != null) {
            return narrow.contains(name);
        }
        return isThrowable(owner) && THROWABLE_MEMBERS.contains(name);
    }

    /** A short reason why {@code type} (internal name) is off limits, for a message. */
    static String reason(String type, boolean vectorApi) {
        String member = MEMBER_REASONS.get(type);
        if (member != null) {
            return member;
        }
        if (packageOf(type).equals(VECTOR_PACKAGE) && !vectorApi) {
            return "the Vector API is not enabled for this target";
        }
        return ForbiddenApi.type(type.replace('/', '.')).orElse("not on the list of APIs a kernel may use");
    }

    /**
     * An exception or error of {@code java.lang} or {@code java.util} (the ones javac's own code
     * throws: {@code MatchException}, {@code AssertionError}, {@code NoSuchFieldError} of a switch
     * map, and what a kernel may throw or catch). Looked up without initializing the class.
     */
    static boolean isThrowable(String type) {
        String pkg = packageOf(type);
        if (!pkg.equals("java/lang") && !pkg.equals("java/util")) {
            return false;
        }
        return THROWABLES.computeIfAbsent(type, t -> {
            try {
                Class<?> c = Class.forName(t.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
                return Throwable.class.isAssignableFrom(c);
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    static String packageOf(String type) {
        int slash = type.lastIndexOf('/');
        return slash < 0 ? "" : type.substring(0, slash);
    }
}
