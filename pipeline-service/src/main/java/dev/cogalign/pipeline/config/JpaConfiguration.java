package dev.cogalign.pipeline.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The service's Spring Data repositories, without a transaction around every call: a read is one
 * autocommitted statement, as it was with JdbcClient, not a read-only transaction of its own per
 * repository call. Writes declare their transactions: the {@code save} methods and modifying
 * queries of the repositories, and the services' transactions around what must commit together.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.cogalign.pipeline", enableDefaultTransactions = false)
class JpaConfiguration {}
