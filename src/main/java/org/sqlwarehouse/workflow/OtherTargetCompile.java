package org.sqlwarehouse.workflow;

import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompileSettings;
import org.sqlwarehouse.compile.CompiledProject;
import org.sqlwarehouse.compile.ProjectCompiler;
import org.sqlwarehouse.compile.YamlTemplates;
import org.sqlwarehouse.project.DbtProject;
import org.sqlwarehouse.project.ProjectLoader;
import org.sqlwarehouse.report.BuildLog;

/**
 * The project compiled for another target than the selected one (warehouse.defer's,
 * warehouse.state's): how the project names its relations there, as that target's own build names
 * them (its schema, generate_schema_name's answer for it). Quiet: the selected target's compile said
 * what there was to say.
 */
final class OtherTargetCompile {
    private OtherTargetCompile() {
    }

    static CompiledProject compile(WarehouseRequest request, Warehouse.Selection other, CompileSettings current)
            throws WarehouseException {
        DbtProject project = ProjectLoader.load(request.projectDirectory(), request.fallbackName());
        CompileSettings settings = new CompileSettings(other.target(), other.dialect(), current.cliVars(),
                request.environment(), BuildLog.debugOnly(request.log())).withFullRefresh(current.fullRefresh());
        return new ProjectCompiler().compile(YamlTemplates.render(project, settings), settings);
    }
}
