/** What the model lane's novelty check costs per child, and how many evaluations it saves on a recorded run. */
package dev.evolve.tools.novelty;
