package dev.vitals.spring.boot.probes;

import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ProbeConfig;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers one {@link Probe} bean per bean of a kind (DataSource, Redis connection factory), once
 * every bean definition is known. The probe beans are lazy suppliers: the DataSource or factory is
 * looked up when the probe bean is created, so nothing is connected at registration.
 *
 * <p>Naming: the kind's base name ({@code db}, {@code redis}) for a single bean, {@code base-<beanName>}
 * for each of several (the bean name reduced to {@link Names#RULE}: other characters become {@code -},
 * cut at 63 characters). A name already taken by another bean of type {@code Probe} is left to that bean.
 */
final class ProbeRegistrar implements BeanFactoryPostProcessor, EnvironmentAware {

  /** What a probe is made for. */
  enum Kind {
    DATASOURCE("db", "javax.sql.DataSource"),
    REDIS("redis", "org.springframework.data.redis.connection.RedisConnectionFactory");

    final String base;
    final String typeName;

    Kind(String base, String typeName) {
      this.base = base;
      this.typeName = typeName;
    }

    Probe create(String name, Object target, Duration timeout) {
      return this == DATASOURCE ? DataSourceProbes.create(name, target, timeout)
          : RedisConnectionFactoryProbe.create(name, target, timeout);
    }
  }

  /** The prefix of the probe beans' names: {@code vitalsProbe.db}, {@code vitalsProbe.redis}. */
  static final String BEAN_PREFIX = "vitalsProbe.";

  private final Kind kind;
  private Environment environment;

  ProbeRegistrar(Kind kind) {
    this.kind = kind;
  }

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
    if (!(beanFactory instanceof BeanDefinitionRegistry)) {
      return;
    }
    BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
    Class<?> type;
    try {
      type = ClassUtils.forName(kind.typeName, beanFactory.getBeanClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return;
    }
    String[] beans = Arrays.stream(beanFactory.getBeanNamesForType(type, true, false))
        .filter(b -> !b.startsWith("scopedTarget."))
        .toArray(String[]::new);
    for (String bean : beans) {
      String name = beans.length == 1 ? kind.base : probeName(kind.base, bean);
      String beanName = BEAN_PREFIX + name;
      if (registry.containsBeanDefinition(beanName)) {
        continue;
      }
      Duration timeout = timeout(environment, name);
      RootBeanDefinition def = new RootBeanDefinition(Probe.class,
          () -> kind.create(name, beanFactory.getBean(bean, type), timeout));
      def.setDependsOn(bean);
      def.setDescription("Vitals probe '" + name + "' of the " + kind.base + " bean '" + bean + "'");
      registry.registerBeanDefinition(beanName, def);
    }
  }

  /**
   * The probe name for one of several beans: {@code base-<beanName>}, the bean name reduced to
   * {@link Names#RULE}.
   *
   * @param base {@code db} or {@code redis}
   * @param bean the bean's name
   * @return a valid probe name
   */
  static String probeName(String base, String bean) {
    StringBuilder sb = new StringBuilder(base).append('-');
    for (int i = 0; i < bean.length() && sb.length() < Names.MAX_LENGTH; i++) {
      char c = bean.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || c == '-';
      sb.append(ok ? c : '-');
    }
    return sb.toString();
  }

  /**
   * The timeout the monitor will give a probe: {@code vitals.probes.<name>.timeout}, else the default
   * (2 s, at most the interval). A value the engine would refuse falls back to the default here; the
   * monitor reports it at start-up.
   *
   * @param env the environment (may be null outside a context)
   * @param name the probe's name
   * @return a positive duration
   */
  static Duration timeout(Environment env, String name) {
    String prefix = "vitals.probes." + name + ".";
    Duration interval = env == null ? null : Config.parseDuration(env.getProperty(prefix + "interval"));
    if (interval == null || interval.isZero()) {
      interval = ProbeConfig.DEFAULT_INTERVAL;
    }
    Duration fallback = ProbeConfig.defaultTimeout(ProbeConfig.DEFAULT_TIMEOUT, interval);
    Duration timeout = env == null ? null : Config.parseDuration(env.getProperty(prefix + "timeout"));
    if (timeout == null || timeout.isZero() || timeout.compareTo(Duration.ofMillis(10)) < 0) {
      return fallback;
    }
    return timeout;
  }
}
