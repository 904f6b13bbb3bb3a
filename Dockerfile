# The worker as a layered Spring Boot application: dependencies change rarely, so rebuilding after a
# code change only replaces the small application layer. `docker compose up --build` uses it.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY schemas schemas
COPY src src
RUN ./mvnw -B -q package -DskipTests \
    && java -Djarmode=tools -jar target/user-provisioning-worker-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 worker
USER worker
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# 8080: redemption and admin API; 8090: Actuator (MANAGEMENT_SERVER_PORT in docker-compose.yml)
EXPOSE 8080 8090
# exec form: the JVM is PID 1 and gets SIGTERM directly, for the graceful shutdown.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
