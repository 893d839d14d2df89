package org.creditpipeline;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CreditPipelineApplication {
    public static void main(String[] args) {
        org.springframework.boot.SpringApplication.run(CreditPipelineApplication.class, args);
    }
}
