package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * A service with one client library only: this module's classes, health-api and either Lettuce or
 * Jedis (with their dependencies) in a class loader that lacks the other library. The probe works,
 * and the public types survive the reflection frameworks do on beans ({@code getMethods()}), which
 * loads every type named in a signature.
 */
class OneClientOnlyTest {

  private static final String JEDIS_JARS = "/redis/clients/jedis/";
  private static final String LETTUCE_JARS = "/io/lettuce/";

  @Test
  void lettuceProbeRunsWithoutJedis() throws Exception {
    try (TestRedis redis = TestRedis.start(); URLClassLoader loader = classPathWithout(JEDIS_JARS)) {
      withContextLoader(loader, () -> {
        assertThatThrownBy(() -> loader.loadClass("redis.clients.jedis.Jedis"))
            .isInstanceOf(ClassNotFoundException.class);
        inspectLikeAFramework(loader, "RedisProbe", "RedisProbe$Builder", "RedisProbeFactory", "LettuceProbes");

        Class<?> clientType = loader.loadClass("io.lettuce.core.RedisClient");
        Object client = clientType.getMethod("create", String.class).invoke(null, "redis://127.0.0.1:" + redis.port());
        Object connection = clientType.getMethod("connect").invoke(client);
        try {
          Class<?> adapter = loader.loadClass("dev.vitals.probes.redis.LettuceProbes");
          Class<?> connectionType = loader.loadClass("io.lettuce.core.api.StatefulRedisConnection");
          Object probe = adapter.getMethod("of", String.class, connectionType).invoke(null, "no-jedis", connection);
          Object result = probe.getClass().getMethod("check").invoke(probe);

          assertThat(result.getClass().getClassLoader()).isSameAs(loader);
          assertThat(result.getClass().getMethod("status").invoke(result).toString()).isEqualTo("UP");
          assertThat(result.toString()).contains("role=master");
        } finally {
          connection.getClass().getMethod("close").invoke(connection);
          clientType.getMethod("shutdown").invoke(client);
        }
      });
    }
  }

  @Test
  void configuredProbeWithoutJedisNamesWhatIsMissing() throws Exception {
    try (URLClassLoader loader = classPathWithout(JEDIS_JARS)) {
      Class<?> factoryType = loader.loadClass("dev.vitals.api.spi.ProbeFactory");
      Object factory = ServiceLoader.load(factoryType, loader).findFirst().orElseThrow();
      Object config = config(loader, Map.of("type", "redis", "url", "redis://localhost"));

      Method create = factoryType.getMethod("create", config.getClass());
      assertThatThrownBy(() -> create.invoke(factory, config))
          .isInstanceOf(InvocationTargetException.class)
          .cause()
          .hasMessageContaining("vitals.probes.cache.type = 'redis' is not allowed")
          .hasMessageContaining("need Jedis (redis.clients:jedis)")
          .hasMessageContaining("LettuceProbes.of(name, connection)");
    }
  }

  @Test
  void configuredAndJedisProbesRunWithoutLettuce() throws Exception {
    try (TestRedis redis = TestRedis.start(); URLClassLoader loader = classPathWithout(LETTUCE_JARS)) {
      withContextLoader(loader, () -> {
        assertThatThrownBy(() -> loader.loadClass("io.lettuce.core.RedisClient"))
            .isInstanceOf(ClassNotFoundException.class);
        inspectLikeAFramework(loader, "RedisProbe", "RedisProbe$Builder", "RedisProbeFactory", "JedisProbes");

        Class<?> factoryType = loader.loadClass("dev.vitals.api.spi.ProbeFactory");
        Object factory = ServiceLoader.load(factoryType, loader).findFirst().orElseThrow();
        Object config = config(loader, Map.of("type", "redis", "url", redis.url()));
        Object configured = factoryType.getMethod("create", config.getClass()).invoke(factory, config);
        assertThat(status(configured)).isEqualTo("UP");

        Class<?> jedisType = loader.loadClass("redis.clients.jedis.RedisClient");
        Object jedis = jedisType.getMethod("create", String.class, int.class).invoke(null, "127.0.0.1", redis.port());
        try {
          Class<?> adapter = loader.loadClass("dev.vitals.probes.redis.JedisProbes");
          Class<?> unified = loader.loadClass("redis.clients.jedis.UnifiedJedis");
          Object probe = adapter.getMethod("of", String.class, unified).invoke(null, "no-lettuce", jedis);
          assertThat(status(probe)).isEqualTo("UP");
        } finally {
          jedisType.getMethod("close").invoke(jedis);
        }
      });
    }
  }

  /** What Spring and similar frameworks do to a bean's class: list its methods, resolving their types. */
  private static void inspectLikeAFramework(ClassLoader loader, String... simpleNames) throws Exception {
    for (String name : simpleNames) {
      Class<?> type = loader.loadClass("dev.vitals.probes.redis." + name);
      assertThat(type.getDeclaredMethods()).as(name).isNotEmpty();
      assertThat(type.getMethods()).as(name).isNotEmpty();
      type.getDeclaredConstructors();
      type.getDeclaredFields();
    }
  }

  private static String status(Object probe) throws Exception {
    Object result = probe.getClass().getMethod("check").invoke(probe);
    return result.getClass().getMethod("status").invoke(result).toString();
  }

  private static Object config(ClassLoader loader, Map<String, String> settings) throws Exception {
    return loader.loadClass("dev.vitals.api.spi.ProbeConfig").getMethod("of", String.class, Map.class)
        .invoke(null, "cache", settings);
  }

  /** Lettuce looks some classes up through the context class loader, as in a real single-loader application. */
  private static void withContextLoader(ClassLoader loader, ThrowingRunnable body) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      body.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** The test class path minus one library's jars and the tests themselves, under the platform loader. */
  private static URLClassLoader classPathWithout(String jarPathPart) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String normalized = p.toString().replace(File.separatorChar, '/');
      if (normalized.contains(jarPathPart) || normalized.endsWith("/test-classes")) {
        continue;
      }
      urls.add(p.toUri().toURL());
    }
    assertThat(urls).anySatisfy(u -> assertThat(u.toString()).endsWith("/target/classes/"));
    return new URLClassLoader("one-client-only", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }
}
