package org.sudi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Sudi (诉递): one door for every request of citizens, enterprises and towns, and a closed loop
 * that makes the district's units answer it on the clock.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SudiApplication {

	public static void main(String[] args) {
		SpringApplication.run(SudiApplication.class, args);
	}
}
