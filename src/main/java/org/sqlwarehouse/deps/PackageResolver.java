package org.sqlwarehouse.deps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.report.BuildLog;

/**
 * Works out which package versions to install, as dbt's deps does: the declared packages, then
 * theirs, round after round, every requirement of one package merged (hub version ranges
 * intersected, the highest hub version in the range chosen; one git revision per repository),
 * until no package adds a new requirement.
 */
final class PackageResolver {
    private static final int SHOWN_VERSIONS = 8;

    /** A package pinned, and the packages it declares in turn. */
    private record Pin(LockedPackage locked, List<PackageSpec> dependencies) {
    }

    private final PackageFetcher fetcher;
    private final String rootName;
    private final BuildLog log;
    private final Map<String, List<PackageSpec>> requirements = new LinkedHashMap<>();
    private final Map<String, Pin> pins = new HashMap<>();

    PackageResolver(PackageFetcher fetcher, String rootName, BuildLog log) {
        this.fetcher = fetcher;
        this.rootName = rootName;
        this.log = log;
    }

    List<LockedPackage> resolve(DeclaredPackages declared) throws WarehouseException {
        List<PackageSpec> pending = declared.specs();
        while (!pending.isEmpty()) {
            List<PackageSpec> next = new ArrayList<>();
            for (PackageSpec spec : pending) {
                if (incorporate(spec)) {
                    next.addAll(pin(spec.key()).dependencies());
                }
            }
            pending = next;
        }
        List<LockedPackage> resolved = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (String key : requirements.keySet()) {
            LockedPackage locked = pin(key).locked();
            String requiredBy = requirements.get(key).get(0).requiredBy();
            if (locked.name().equals(rootName)) {
                throw new WarehouseException("Package " + locked.describe() + " (required by " + requiredBy
                        + ") is named '" + rootName + "', as this project is.",
                        "A project cannot depend on itself: remove it from packages.yml.");
            }
            String previous = names.put(locked.name(), locked.describe() + " (required by " + requiredBy + ")");
            if (previous != null) {
                throw new WarehouseException("Two packages are named '" + locked.name() + "': " + previous + " and "
                        + locked.describe() + " (required by " + requiredBy + ").",
                        "Keep one source for the package in packages.yml (a hub package and a git copy of it "
                                + "clash).");
            }
            resolved.add(locked);
        }
        return resolved;
    }

    /** Adds a requirement; false when the package already has this very one. */
    private boolean incorporate(PackageSpec spec) throws WarehouseException {
        List<PackageSpec> known = requirements.computeIfAbsent(spec.key(), k -> new ArrayList<>());
        for (PackageSpec existing : known) {
            if (existing.getClass() != spec.getClass()) {
                throw new WarehouseException(spec.label() + " is required as two kinds of package: by "
                        + existing.requiredBy() + " and by " + spec.requiredBy() + ".",
                        "Install each package from one source.");
            }
            if (sameRequirement(existing, spec)) {
                return false;
            }
        }
        known.add(spec);
        return true;
    }

    private static boolean sameRequirement(PackageSpec a, PackageSpec b) {
        if (a instanceof PackageSpec.Hub x && b instanceof PackageSpec.Hub y) {
            return x.range().equals(y.range()) && x.installPrerelease() == y.installPrerelease();
        }
        if (a instanceof PackageSpec.Git x && b instanceof PackageSpec.Git y) {
            return Objects.equals(x.revision(), y.revision());
        }
        return true;
    }

    private Pin pin(String key) throws WarehouseException {
        List<PackageSpec> specs = requirements.get(key);
        String cacheKey = key + "#" + specs.size();
        Pin pin = pins.get(cacheKey);
        if (pin == null) {
            PackageSpec first = specs.get(0);
            if (first instanceof PackageSpec.Hub) {
                pin = hub(specs);
            } else if (first instanceof PackageSpec.Git) {
                pin = git(specs);
            } else if (first instanceof PackageSpec.Maven m) {
                Path dir = fetcher.maven(m.coordinates());
                String name = PackageFetcher.projectName(dir, "Maven artifact " + m.coordinates());
                pin = new Pin(new LockedPackage.Maven(name, m.coordinates().toString()),
                        declaredBy(dir, "Maven package " + m.coordinates()));
            } else if (first instanceof PackageSpec.Tarball t) {
                Path dir = fetcher.tarball(t.url(), "tarball package " + t.name());
                pin = new Pin(new LockedPackage.Tarball(t.name(), t.url()), declaredBy(dir, "tarball package " + t.name()));
            } else {
                PackageSpec.Local l = (PackageSpec.Local) first;
                Path dir = fetcher.local(l.path());
                String name = PackageFetcher.projectName(dir, "local " + l.path());
                pin = new Pin(new LockedPackage.Local(name, l.path()), declaredBy(dir, "local package " + l.path()));
            }
            pins.put(cacheKey, pin);
        }
        return pin;
    }

    private Pin hub(List<PackageSpec> specs) throws WarehouseException {
        PackageSpec.Hub first = (PackageSpec.Hub) specs.get(0);
        VersionRange range = VersionRange.ANY;
        Set<String> requirers = new LinkedHashSet<>();
        boolean prerelease = false;
        for (PackageSpec spec : specs) {
            PackageSpec.Hub hub = (PackageSpec.Hub) spec;
            Optional<VersionRange> narrowed = range.intersect(hub.range());
            if (narrowed.isEmpty()) {
                throw new WarehouseException("No version of " + hub.name() + " satisfies both " + range
                        + " (required by " + String.join(", ", requirers) + ") and " + hub.range() + " (required by "
                        + hub.requiredBy() + ").", "Change the version in packages.yml so that the ranges overlap, "
                                + "or upgrade the package that requires the other range.");
            }
            range = narrowed.get();
            requirers.add(hub.requiredBy());
            prerelease |= hub.installPrerelease() || hub.range().namesPrerelease();
        }
        TreeMap<SemanticVersion, HubClient.HubVersion> versions = fetcher.hub().versions(first.name());
        HubClient.HubVersion chosen = null;
        List<String> installable = new ArrayList<>();
        for (HubClient.HubVersion candidate : versions.values()) {
            if (candidate.version().isPrerelease() && !prerelease) {
                continue;
            }
            installable.add(candidate.version().toString());
            if (range.contains(candidate.version())) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            List<String> shown = installable.subList(Math.max(0, installable.size() - SHOWN_VERSIONS), installable.size());
            throw new WarehouseException("No version of " + first.name() + " on the hub satisfies " + range
                    + " (required by " + String.join(", ", requirers) + "); it has " + (installable.isEmpty() ? "none"
                            : (installable.size() > shown.size() ? "..., " : "") + String.join(", ", shown)) + ".",
                    "Choose a version the hub lists (add install-prerelease: true for pre-releases).");
        }
        String version = chosen.version().toString();
        String requiredBy = first.name() + " " + version;
        return new Pin(new LockedPackage.Hub(chosen.projectName(), first.name(), version),
                PackagesFile.specs(chosen.packages(), requiredBy));
    }

    private Pin git(List<PackageSpec> specs) throws WarehouseException {
        PackageSpec.Git first = (PackageSpec.Git) specs.get(0);
        for (PackageSpec spec : specs) {
            PackageSpec.Git other = (PackageSpec.Git) spec;
            if (!Objects.equals(first.revision(), other.revision())) {
                throw new WarehouseException("Git package " + first.label() + " is required at two revisions: "
                        + revision(first) + " by " + first.requiredBy() + " and " + revision(other) + " by "
                        + other.requiredBy() + ".", "Require one revision of it everywhere.");
            }
        }
        String revision = first.revision();
        if (revision == null || revision.equals("HEAD") || revision.equals("main") || revision.equals("master")) {
            log.warn("Git package " + Urls.masked(first.label()) + " is not pinned (" + revision(first)
                    + "): package-lock.yml pins today's commit; give revision: a tag or commit to choose it.");
        }
        GitFetcher.Checkout checkout = fetcher.git(first.url(), revision, first.subdirectory());
        String name = PackageFetcher.projectName(checkout.packageDirectory(), first.label());
        return new Pin(new LockedPackage.Git(name, first.url(), checkout.commit(), first.subdirectory()),
                declaredBy(checkout.packageDirectory(), "git package " + first.label() + " at "
                        + checkout.commit().substring(0, 8)));
    }

    private static String revision(PackageSpec.Git git) {
        return git.revision() == null ? "its default branch" : git.revision();
    }

    private List<PackageSpec> declaredBy(Path dir, String who) throws WarehouseException {
        List<String> warnings = new ArrayList<>();
        List<PackageSpec> specs = PackagesFile.read(dir, who, warnings).specs();
        warnings.forEach(log::warn);
        return specs;
    }
}
