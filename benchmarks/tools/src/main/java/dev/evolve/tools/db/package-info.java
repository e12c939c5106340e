/** The program database's heap and sampling cost over many synthetic programs. */
package dev.evolve.tools.db;
