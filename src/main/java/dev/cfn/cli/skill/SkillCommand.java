package dev.cfn.cli.skill;

import dev.cfn.cli.CfnGroup;
import picocli.CommandLine.Command;

@Command(
        name = "skill",
        description = "The skills registry: propose, approve, deploy, update and load skills.",
        footer = {"", "Example: cfn skill import examples/skills && cfn skill list"},
        subcommands = {
            SkillProposeCommand.class,
            SkillImportCommand.class,
            SkillApproveCommand.class,
            SkillRejectCommand.class,
            SkillEscalateCommand.class,
            SkillPendingCommand.class,
            SkillDeployCommand.class,
            SkillUpdateCommand.class,
            SkillDeprecateCommand.class,
            SkillRollbackCommand.class,
            SkillListCommand.class,
            SkillShowCommand.class,
            SkillHistoryCommand.class,
            SkillLoadCommand.class,
            SkillLogCommand.class
        })
public final class SkillCommand extends CfnGroup {}
