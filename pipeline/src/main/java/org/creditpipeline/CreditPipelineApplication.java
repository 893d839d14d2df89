package org.creditpipeline;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(CreditProperties.class)
public class CreditPipelineApplication {
    public static void main(String[] args) {
        org.springframework.boot.SpringApplication.run(CreditPipelineApplication.class, args);
    }
}
