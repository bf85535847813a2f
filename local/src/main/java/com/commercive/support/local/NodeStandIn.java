package com.commercive.support.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stand-in that runs on node (installed by the build with {@code npm ci} from the project's own
 * package.json and lock file), as a child process on loopback with its output in a log file.
 *
 * <p>It never outlives the runner: node runs the stand-in's script under a few lines of
 * {@link #LIFELINE} that end it when its standard input closes. The runner holds the other end of
 * that pipe and never writes to it; when the runner's process ends, however it ends ({@code kill -9}
 * included), the system closes the pipe and the stand-in exits, freeing its port for the next start.
 */
final class NodeStandIn implements AutoCloseable {
  /** Runs the script named by the first argument (as if started as {@code node <script> ...}) until stdin closes. */
  static final String LIFELINE = "const path = require('path');"
      + "const end = () => process.exit(0);"
      + "process.stdin.on('end', end); process.stdin.on('error', end); process.stdin.resume();"
      + "const script = path.resolve(process.argv[1]);"
      + "process.argv = [process.argv[0], script, ...process.argv.slice(2)];"
      + "require(script);";
  /** How long a start waits for a stand-in's port held by one that is just exiting. */
  static final Duration PORT_PATIENCE = Duration.ofSeconds(3);

  private final String name;
  private final Process process;
  private final Path log;

  private NodeStandIn(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Where {@code npm ci} installed a stand-in: the folder named by {@code variable}, else
   * {@code folder} in the working directory, in {@code local/}, or next to this module's classes
   * or jar; the first that holds every one of {@code files}.
   */
  static Path installation(Map<String, String> env, String variable, String folder, String name, String... files) {
    List<Path> candidates = new ArrayList<>();
    if (env.get(variable) != null) {
      candidates.add(Path.of(env.get(variable)));
    }
    candidates.add(Path.of(folder));
    candidates.add(Path.of("local", folder));
    try {
      Path code = Path.of(NodeStandIn.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // local/target/classes or local/target/commercive-support-local.jar → local/<folder>
      candidates.add(code.getParent().getParent().resolve(folder));
    } catch (java.net.URISyntaxException | SecurityException | NullPointerException unknownLocation) {
      // No code location (an unusual class loader): the candidates above, then the error below.
    }
    for (Path candidate : candidates) {
      if (List.of(files).stream().allMatch(file -> Files.isRegularFile(candidate.resolve(file)))) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException(name + " is not installed: run the build (mvn -DskipTests install runs npm ci in"
        + " local/" + folder + "), or set " + variable);
  }

  /**
   * Starts {@code node <arguments>} in {@code directory} (the first argument is the script), its
   * output in {@code directory/<logName>}, its standard input a pipe from this process.
   */
  static NodeStandIn start(String name, Path directory, String logName, List<String> arguments) {
    Path log = directory.resolve(logName);
    List<String> command = new ArrayList<>(List.of("node", "-e", LIFELINE));
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      return new NodeStandIn(name, process, log);
    } catch (IOException e) {
      throw new IllegalStateException(name + " needs node (20 or later) on the PATH: " + e.getMessage(), e);
    }
  }

  /** Waits until {@code ready} holds; stops the process and fails, naming the log, if it exits or times out. */
  void awaitReady(Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      if (ready.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while starting " + name, e);
      }
    }
    close();
    throw new IllegalStateException(name + " did not start within " + timeout + "; see " + log);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
