package dev.evolve.eval.testing;

/**
 * Candidate members (for {@link Candidates#withMembers}) that attack the worker protocol from
 * inside their worker JVM as an escaped candidate could: they read their own process memory
 * ({@code /proc/self/mem}) to find the engine's latest request frame (magic, token, sequence
 * number, nonce) and write frames of their own to file descriptor 1, the reply stream. They pass
 * no static check; tests evaluate them with the static check turned off.
 */
public final class Forger {

    private Forger() {
    }

    /**
     * {@code static long[] latestRequest()}: token, sequence number and nonce of the newest request
     * frame in memory, and whether it is a TIME request (1) or not (0); null when none is found.
     * {@code static void send(long[] request, String json)} writes a reply frame for it to fd 1.
     */
    public static final String HELPERS = """
                private static long[] latestRequest() throws Exception {
                    byte[] stage = "{\\"stage\\":\\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    byte[] time = "TIME\\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    long[] best = null;
                    byte[] buf = new byte[1 << 20];
                    try (var maps = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/proc/self/maps"));
                         var mem = new java.io.RandomAccessFile("/proc/self/mem", "r")) {
                        String line;
                        while ((line = maps.readLine()) != null) {
                            String[] f = line.split("\\\\s+");
                            if (!f[1].startsWith("rw")) continue;
                            String[] r = f[0].split("-");
                            long start = Long.parseUnsignedLong(r[0], 16);
                            long end = Long.parseUnsignedLong(r[1], 16);
                            for (long at = start; at < end; at += buf.length - 64) {
                                int len = (int) Math.min(buf.length, end - at);
                                try {
                                    mem.seek(at);
                                    mem.readFully(buf, 0, len);
                                } catch (java.io.IOException e) {
                                    break;
                                }
                                for (int i = 0; i + 32 + stage.length + time.length <= len; i++) {
                                    if (buf[i] != 0x45 || buf[i + 1] != 0x56 || buf[i + 2] != 0x4F || buf[i + 3] != 0x4C
                                            || !at(buf, i + 32, stage)) continue;
                                    var d = java.nio.ByteBuffer.wrap(buf, i + 4, 24);
                                    long token = d.getLong(), seq = d.getLong(), nonce = d.getLong();
                                    if (nonce != 0 && (best == null || seq > best[1])) {
                                        best = new long[] {token, seq, nonce, at(buf, i + 32 + stage.length, time) ? 1 : 0};
                                    }
                                }
                                if (len < buf.length) break;
                            }
                        }
                    }
                    return best;
                }

                private static boolean at(byte[] buf, int i, byte[] what) {
                    for (int k = 0; k < what.length; k++) if (buf[i + k] != what[k]) return false;
                    return true;
                }

                private static void send(long[] request, String json) throws Exception {
                    byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    var out = new java.io.DataOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
                    out.writeInt(0x45564F4C);
                    out.writeLong(request[0]);
                    out.writeLong(request[1]);
                    out.writeLong(request[2]);
                    out.writeInt(body.length);
                    out.write(body);
                    out.flush();
                }
            """;
}
