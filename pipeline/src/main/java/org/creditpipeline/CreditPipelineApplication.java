package org.creditpipeline;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(CreditProperties.class)
public class CreditPipelineApplication {
    /** The executable jar's entry point is the command line, which starts Spring only for commands that need it. */
    public static void main(String[] args) {
        org.creditpipeline.cli.CreditPipelineCli.main(args);
    }
}
