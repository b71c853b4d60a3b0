/**
 * What the CLI and the HTTP API use to start, show and stop runs: {@link dev.cfn.loop.session.LoopSession}
 * wires a run (or resume) on the process's shared {@link dev.cfn.loop.session.LoopResources}, {@link
 * dev.cfn.loop.session.LoopRequest} validates a request, {@link dev.cfn.loop.session.RunJson} holds the JSON
 * shapes, {@link dev.cfn.loop.session.RunHistory} tells a stored run's events, {@link
 * dev.cfn.loop.session.RunCancel} asks a run to stop. Above the loop: nothing in it knows this room.
 */
package dev.cfn.loop.session;
