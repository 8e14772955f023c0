package dev.nabla.nn;

import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Holds modules under the names "0", "1", ... so their parameters are registered, without
 * defining how they are applied (the owner iterates over them).
 */
public class ModuleList extends Module implements Iterable<Module> {

    private final List<Module> modules = new ArrayList<>();

    /** A list of the given modules. */
    public ModuleList(Module... initial) {
        for (Module m : initial) {
            add(m);
        }
    }

    /** Appends a module; returns this. */
    public ModuleList add(Module module) {
        modules.add(registerModule(Integer.toString(modules.size()), module));
        return this;
    }

    /** The module at position {@code i}. */
    public Module get(int i) {
        return modules.get(i);
    }

    /** The number of modules. */
    public int size() {
        return modules.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return Collections.unmodifiableList(modules).iterator();
    }

    /** Always throws: a module list has no forward of its own. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleList has no forward; iterate over its modules instead");
    }
}
