# `sam build` runs one of these targets per function (Metadata: BuildMethod: makefile in template.yaml) with
# ARTIFACTS_DIR set to that function's build folder. All three functions are the same shaded jar; Lambda's Java
# runtime puts every jar under lib/ on the class path, so the jar goes there unchanged.

FUNCTION_JAR := function/target/defactify-function.jar
MAVEN ?= scripts/with-jdk ./mvnw -B -q -pl function -am package -DskipTests

.PHONY: build-DetectionApiFunction build-S3EventFunction build-BatchOperationsFunction lambda-artifact

build-DetectionApiFunction build-S3EventFunction build-BatchOperationsFunction: lambda-artifact

lambda-artifact:
	$(MAVEN)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(FUNCTION_JAR) "$(ARTIFACTS_DIR)/lib/"
