package org.creditpipeline.publish;

import org.creditpipeline.CreditProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code job-configs/publication.yaml} and {@code calendar.yaml}, read once when the context starts (an invalid file stops it, naming the key). */
@Configuration(proxyBeanMethods = false)
class PublicationConfiguration {

    @Bean
    LowerFines lowerFines(CreditProperties properties) {
        return LowerFines.load(properties.jobConfigs().resolve("publication.yaml"));
    }

    @Bean
    WorkingCalendar workingCalendar(CreditProperties properties) {
        return WorkingCalendar.load(properties.jobConfigs().resolve("calendar.yaml"));
    }
}
