import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the shaded jar's class files older than Java 6 (class-file version below 50) as Java 8
 * ones (version 52, stack-map frames computed by ASM, any jsr/ret inlined), the bytecode otherwise
 * unchanged. Run by cli/pom.xml right after the shade plugin, with Java's source launcher (a build
 * step, not part of the jar).
 *
 * <p>Why: JDK 17's class-data-sharing archive refuses "pre JDK 6" classes, and with them every class
 * that implements one of their interfaces. picocli (and slf4j) are compiled for Java 5, so each run
 * loaded, parsed and verified some 230 picocli classes from the jar (with the old inference verifier)
 * plus gwrun's own command classes, about a fifth of {@code gwrun version}'s start-up; rewritten, the
 * training run archives them like every other class. Each rewritten class is then loaded, verified and
 * initialised from the new jar, so a frame ASM got wrong fails the build, not a user's run.
 * Usage: java -cp ASM_JARS ModernClassFiles.java IN_JAR OUT_JAR (the same path for both rewrites in place)
 */
public final class ModernClassFiles {
    private static final int JAVA_6 = 50;

    private final Map<String, byte[]> classes = new HashMap<>();
    private final ClassLoader jdk = ClassLoader.getPlatformClassLoader();

    private ModernClassFiles() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ModernClassFiles m = new ModernClassFiles();
        List<String> rewritten = m.rewrite(in, out);
        verify(out, rewritten);
        System.err.println("cli: " + rewritten.size() + " class files older than Java 6 rewritten as Java 8 ones in " + out.getFileName());
    }

    private List<String> rewrite(Path in, Path out) throws IOException {
        List<String> rewritten = new ArrayList<>();
        try (ZipFile zip = new ZipFile(in.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (isClass(e)) classes.put(e.getName().substring(0, e.getName().length() - ".class".length()), zip.getInputStream(e).readAllBytes());
            }
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream jar = new ZipOutputStream(file)) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    byte[] bytes = zip.getInputStream(e).readAllBytes();
                    if (isClass(e) && version(bytes) < JAVA_6) {
                        bytes = java8(bytes);
                        rewritten.add(e.getName());
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    jar.putNextEntry(copy);
                    jar.write(bytes);
                    jar.closeEntry();
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return rewritten;
    }

    /** Class files of the class path proper (not a multi-release jar's versioned copies, which need Java 9+ anyway). */
    private static boolean isClass(ZipEntry e) {
        return e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/") && !e.getName().endsWith("module-info.class");
    }

    private static int version(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private byte[] java8(byte[] classFile) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return commonSuperClass(a, b);
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                // jsr/ret are not allowed from version 51 on; javac has not emitted them for years, but inline any.
                return new JSRInlinerAdapter(super.visitMethod(access, name, descriptor, signature, exceptions), access, name, descriptor, signature, exceptions);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    /**
     * ASM's frame computation asks for the nearest common superclass of two types; ASM's default
     * loads them with its own class loader, which does not see the jar, so answer from the jar's class
     * files and the JDK. An interface on either side merges to Object, as the JVM's verifier treats them.
     */
    private String commonSuperClass(String a, String b) {
        if (isInterface(a) || isInterface(b)) return "java/lang/Object";
        List<String> ofA = superclasses(a);
        for (String s : superclasses(b)) if (ofA.contains(s)) return s;
        return "java/lang/Object";
    }

    private List<String> superclasses(String type) {
        List<String> chain = new ArrayList<>();
        for (String t = type; t != null; t = superName(t)) chain.add(t);
        return chain;
    }

    private String superName(String type) {
        byte[] b = classes.get(type);
        if (b != null) return new ClassReader(b).getSuperName();
        Class<?> s = jdkClass(type).getSuperclass();
        return s == null ? null : s.getName().replace('.', '/');
    }

    private boolean isInterface(String type) {
        byte[] b = classes.get(type);
        if (b != null) return (new ClassReader(b).getAccess() & Opcodes.ACC_INTERFACE) != 0;
        return jdkClass(type).isInterface();
    }

    private Class<?> jdkClass(String type) {
        try {
            return Class.forName(type.replace('/', '.'), false, jdk);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("rewriting class files: " + type + " is neither in the jar nor in the JDK", e);
        }
    }

    /** Loads, verifies (the JVM's type-checking verifier, with the new frames) and initialises each rewritten class. */
    private static void verify(Path jar, List<String> rewritten) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String entry : rewritten) {
                String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                try {
                    Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("rewritten " + name + " does not load: " + e, e);
                }
            }
        }
    }
}
