package dev.nabla.models.cli;

import dev.nabla.models.zoo.Zoo;
import picocli.CommandLine.Command;

/** {@code nabla list}: the zoo's models with their defaults. */
@Command(name = "list", description = "List the zoo's models and their defaults.")
final class ListCommand implements Runnable {

    @Override
    public void run() {
        Zoo.all().values().forEach(m -> System.out.printf("%-16s %s%n%16s defaults: %s%n", m.name(), m.description(), "",
                m.defaults()));
    }
}
