/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-demo.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-visits.h"
#include "pd-volunteers.h"

/* Demo data lets people try Peerdesk, and lets us measure it, without a
 * single real record. Every value comes from a GRand seeded with the
 * options' seed and from today's date: two runs with the same seed on the
 * same day give the same members (only the creation times differ).
 *
 * Nothing generated can reach a real person: phone numbers are in the
 * 555-0100 to 555-0199 range kept for fiction, and email addresses are at
 * example.org, example.com and example.net, the domains kept for
 * documentation. */

/* Given names as "Name" or "Name|Nickname". */

static const char *const anglo_women[] = {
  "Jennifer|Jen", "Jessica|Jess", "Ashley", "Amanda|Mandy", "Sarah", "Elizabeth|Liz", "Heather",
  "Melissa|Missy", "Nicole|Nikki", "Stephanie|Steph", "Rebecca|Becky", "Kimberly|Kim", "Crystal",
  "Amber", "Brittany", "Megan", "Kayla", "Tiffany", "Samantha|Sam", "Katherine|Katie",
  "Patricia|Patty", "Deborah|Debbie", "Brenda", "Tammy", "Courtney", "Emily", "Hannah", "Madison",
  "Abigail|Abby", "Margaret|Peggy", "Lisa", "Mary", "Karen", "Susan", "Linda", "Donna",
  "Michelle", "Laura", "Angela", "Amy", "Christina|Tina", "Rachel", "Lauren", "Danielle", "Erin",
  "Erica", "Andrea", "Monica", "Vanessa", "Alicia", "Kelly", "Shannon", "Tara", "Holly", "Dana",
  "April", "Dawn", "Wendy", "Tracy", "Stacy", "Julie", "Christine", "Kristen", "Lindsay",
  "Natalie", "Olivia", "Chloe", "Taylor", "Alexis", "Brianna", "Victoria|Tori", "Sandra", "Carol",
  "Sharon", "Cynthia|Cindy", "Pamela|Pam", "Teresa|Terri", "Diane", "Janet", "Cheryl", "Rhonda",
  "Tonya", "Misty", "Leslie", "Valerie", "Jacqueline|Jackie", "Kathleen|Kathy", "Jamie",
  "Melanie", "Allison|Allie", "Haley", "Sydney", "Paige", "Caitlin", "Molly", "Brooke",
  "Barbara|Barb", "Nancy", "Betty", "Dorothy|Dot", "Joyce", "Judith|Judy", "Sherry", "Lori",
  "Robin", "Denise", "Theresa", "Jill", "Carrie", "Kristina", "Heidi", "Becky", "Bethany",
  "Whitney", "Lacey", "Casey", "Mallory", "Kendra", "Renee", "Gina", "Marissa", "Jenna", "Alyssa",
  "Kaitlyn", "Savannah", "Destiny", "Autumn", "Shelby", "Sierra", "Mackenzie", "Kylie", "Grace",
  "Ella", "Avery", "Jordan", "Joanne", "Gail", "Connie", "Vicki", NULL
};

static const char *const anglo_men[] = {
  "Michael|Mike", "James|Jim", "John|Jack", "Robert|Bobby", "David|Dave", "William|Bill",
  "Richard|Rick", "Joseph|Joe", "Thomas|Tom", "Christopher|Chris", "Daniel|Danny", "Matthew|Matt",
  "Anthony|Tony", "Mark", "Steven|Steve", "Kevin", "Brian", "Jason", "Ryan", "Justin", "Brandon",
  "Tyler", "Cody", "Dustin", "Travis", "Jeremy", "Nathan|Nate", "Benjamin|Ben", "Zachary|Zach",
  "Gregory|Greg", "Timothy|Tim", "Kenneth|Kenny", "Charles|Charlie", "Paul", "Donald|Don",
  "George", "Edward|Ed", "Scott", "Eric", "Jeffrey|Jeff", "Gary", "Larry", "Frank", "Raymond|Ray",
  "Patrick|Pat", "Jack", "Dennis", "Aaron", "Adam", "Douglas|Doug", "Peter|Pete", "Henry|Hank",
  "Carl", "Arthur|Art", "Roger", "Keith", "Terry", "Sean", "Shawn", "Chad", "Derek", "Corey",
  "Shane", "Kyle", "Jacob|Jake", "Joshua|Josh", "Andrew|Andy", "Jonathan|Jon", "Nicholas|Nick",
  "Samuel|Sam", "Alexander|Alex", "Jesse", "Wesley|Wes", "Curtis", "Randy", "Billy", "Craig",
  "Todd", "Troy", "Brett", "Derrick", "Logan", "Austin", "Hunter", "Caleb", "Ethan", "Dylan",
  "Jordan", "Trevor", "Vincent|Vince", "Russell|Russ", "Wayne", "Ronald|Ron", "Dale",
  "Phillip|Phil", "Allen", "Lawrence|Larry", "Gerald|Jerry", "Walter|Walt", "Harold", "Bruce",
  "Glenn", "Leonard|Lenny", "Jeffery", "Stanley|Stan", "Eugene|Gene", "Ralph", "Roy", "Louis|Lou",
  "Bradley|Brad", "Marcus", "Jared", "Garrett", "Colton", "Chase", "Blake", "Jeremiah", "Seth",
  "Isaac", "Gavin", "Connor", "Evan", "Cole", "Mitchell|Mitch", "Spencer", "Lance", "Clint",
  "Rodney|Rod", "Ricky", "Johnny", "Jimmy", "Tommy", "Danny", "Dean", "Neil", "Howard",
  "Clifford|Cliff", "Lloyd", "Vernon", "Calvin|Cal", "Marvin", "Franklin|Frank", NULL
};

static const char *const anglo_surnames[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
  "Taylor", "Moore", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall",
  "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill",
  "Campbell", "Carter", "Roberts", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards",
  "Stewart", "Morris", "Cook", "Rogers", "Morgan", "Cooper", "Reed", "Bailey", "Howard", "Ward",
  "Cox", "Wood", "Watson", "Gray", "Hughes", "Price", "Sanders", "Myers", "Long", "Foster",
  "Powell", "Perry", "Russell", "Fisher", "Hayes", "Graham", "Marshall", "Owens", "Harper",
  "Ellis", "Tucker", "Holloway", "Pratt", "Whitfield", "Lang-Whitaker", "Bennett", "Barnes",
  "Ross", "Henderson", "Butler", "Fletcher", "Griffin", "Hamilton", "Ford", "Wells", "Cole",
  "West", "Jordan", "Reynolds", "Stevens", "Porter", "Hunter", "Hicks", "Crawford", "Henry",
  "Boyd", "Mason", "Kennedy", "Warren", "Burns", "Gordon", "Shaw", "Holmes", "Rice", "Robertson",
  "Hunt", "Black", "Daniels", "Palmer", "Mills", "Grant", "Knight", "Ferguson", "Stone",
  "Hawkins", "Dunn", "Perkins", "Hudson", "Spencer", "Gardner", "Stephens", "Payne", "Pierce",
  "Berry", "Matthews", "Arnold", "Willis", "Ray", "Watkins", "Carroll", "Duncan", "Snyder",
  "Hart", "Cunningham", "Bradley", "Lane", "Andrews", "Harrison", "Elliott", "Fox", "Armstrong",
  "Little", "Stanley", "Lawrence", "Chapman", "Bishop", "Webb", "Tyler", "Chambers", "Pearson",
  "Fleming", "Franklin", "Hodges", "Sutton", "Barker", "Lowe", "Bates", "Newman", "Caldwell",
  "Lambert", "Buckley", "Hale", "Norris", "Bush", "Cross", "Fowler", "Gibbs", "Holt", "Pope",
  "Steele", "Whitaker", "Atkins", "Blair", "Dawson", "Holland", "Vaughn", "Sherman", "Barton",
  "Norton", "Bowman", "Lucas", "Manning", "Garrett", "Dean", "Newton", "Stokes", "Sims",
  "Thornton", "Wheeler", "Wolfe", "Ramsey", "Briggs", "Goodwin", "Marsh", "Kirby", "Langley",
  "Blackwell", "Ashford", "Whitley", "Pennington", "Prescott", "Radcliffe", "Winslow", "Yates",
  "Ainsworth", "Bramwell", "Cartwright", "Dalton", "Easton", "Fairbanks", "Gilbert", "Hollis",
  "Kendall", "Lockwood", "Mercer", "Osborne", "Pemberton", "Rowland", "Shepherd", "Talbot",
  "Underwood", "Vance", "Wadsworth", "Woodward", "Hathaway", "Sheldon", "Crane", "Fuller",
  "Gentry", "Haynes", "Inman", "Larkin", "Mayes", "Nash", "Oakley", "Pruitt", "Rollins", "Sexton",
  "Tate", "Upton", "Vickers", "Whitman", "York", "Abbott", "Ball", "Bowers", "Brewer", "Burton",
  "Chandler", "Cobb", "Conner", "Curtis", "Day", "Douglas", "Drake", "Farmer", "Floyd", "Frost",
  "Gill", "Glover", "Goodman", "Greer", "Hammond", "Harmon", "Hoover", "Hopkins", "Horton",
  "Howell", "Ingram", "Jennings", "Kemp", "Lindsey", "Lyons", "McDaniel", "Miles", "Moss",
  "Nichols", "Page", "Parsons", "Potter", "Reeves", "Riley", "Rowe", "Sharp", "Shelton",
  "Skinner", "Slater", "Summers", "Sweeney", "Terry", "Townsend", "Wade", "Walton", "Warner",
  "Webster", "Weaver", "Wilkins", "Wilkinson", "Woods", "Barlow", "Beasley", "Bolton", "Bradshaw",
  "Carver", "Cooke", "Dickens", "Emerson", "Forbes", "Gates", "Hadley", "Harding", "Hewitt",
  "Kerr", "Lawson", "Marlowe", "Pickett", "Randall", "Sampson", "Seymour", "Spalding", "Stanton",
  "Sutherland", NULL
};

static const char *const irish_women[] = {
  "Siobhán", "Aoife", "Niamh", "Caoimhe", "Róisín", "Máire", "Bríd", "Eileen", "Maureen|Mo",
  "Colleen", "Sinéad", "Orla", "Deirdre|Dee", "Bridget|Bridie", "Nora", "Kathleen|Kate", "Fiona",
  "Clodagh", "Aisling", "Gráinne", "Úna", "Nuala", "Ciara", "Mairéad", "Éabha", "Saoirse", NULL
};

static const char *const irish_men[] = {
  "Seán", "Ciarán", "Pádraig|Paddy", "Declan", "Eoin", "Liam", "Cormac", "Conor", "Dónal",
  "Fergus", "Brendan", "Kieran", "Ruairí", "Cathal", "Donal", "Dermot", "Eamon", "Finbar",
  "Lorcan", "Ronan", "Tadhg", "Oisín", "Colm", "Diarmuid", "Séamus", NULL
};

static const char *const irish_surnames[] = {
  "O'Brien", "O'Connor", "O'Sullivan", "McCarthy", "Byrne", "Kavanagh", "Doyle", "Fitzgerald",
  "Gallagher", "Donnelly", "Quinn", "Brennan", "Murphy", "Kelly", "Walsh", "Ryan", "Ó Conaill",
  "Mac Giolla Phádraig", "O'Neill", "Doherty", "Kennedy", "Lynch", "Murray", "Moran", "Burke",
  "Daly", "Dunne", "Farrell", "Flanagan", "Healy", "Hogan", "Keane", "Lynott", "Maguire",
  "McGrath", "Nolan", "O'Donnell", "O'Keeffe", "O'Leary", "Power", "Regan", "Sheehan", "Sweeney",
  "Whelan", NULL
};

static const char *const german_women[] = {
  "Anneliese|Liese", "Käthe", "Ursula|Uschi", "Jutta", "Sabine", "Heike", "Birgit", "Greta",
  "Lena", "Mareike", "Dörte", "Franziska|Franzi", "Anke", "Dagmar", "Gudrun", "Ilse", "Karin",
  "Liesel", "Renate", "Ute", "Wiebke", NULL
};

static const char *const german_men[] = {
  "Jürgen", "Günter", "Jörg", "Lukas", "Matthias", "Wolfgang|Wolf", "Klaus", "Dieter", "Stefan",
  "Tobias|Tobi", "Uwe", "Reinhard", "Ernst", "Fritz", "Gerhard", "Hans-Peter", "Horst", "Lothar",
  "Manfred", "Rainer", "Sven", "Torsten", "Ulrich", NULL
};

static const char *const german_surnames[] = {
  "Müller", "Schäfer", "Weiß", "Köhler", "Schröder", "Krüger", "Becker", "Hoffmann", "Weber",
  "Schmidt", "Fuchs", "Zimmermann", "Böhm", "Hartmann", "Lehmann", "Groß", "Vogel", "Jäger",
  "Schneider", "Braun", "Bauer", "Fischer", "Hahn", "Jung", "Keller", "Klein", "Koch", "Lange",
  "Meier", "Neumann", "Richter", "Schmitt", "Schulz", "Schwarz", "Wagner", "Wolf", "Krause",
  "Frank", "Roth", NULL
};

static const char *const french_women[] = {
  "Zoé", "Hélène", "Amélie", "Chloé", "Élodie", "Margaux", "Céline", "Geneviève", "Noémie",
  "Joséphine|Josée", "Béatrice|Béa", "Maëlle", "Anaïs", "Brigitte", "Chantal", "Delphine",
  "Josiane", "Lucie", "Mathilde", "Nathalie", "Sylvie", "Véronique", NULL
};

static const char *const french_men[] = {
  "Frédéric|Fred", "Jérôme", "François", "Stéphane", "Thierry", "Benoît", "Grégoire", "Émile",
  "Rémi", "Gaël", "Sébastien|Seb", "Loïc", "Théo", "Alain", "Christophe", "Didier", "Étienne",
  "Gilles", "Jacques", "Laurent", "Mathieu", "Olivier", "Pascal", "Yves", NULL
};

static const char *const french_surnames[] = {
  "Lefèvre", "Gagnon", "Bélanger", "Côté", "Lévesque", "Dubois", "Mercier", "Fournier",
  "Lemaître", "Gauthier", "Bouchard", "Thibodeaux", "Boudreaux", "Hébert", "Girard", "Leclerc",
  "Desrosiers", "Dupré", "Bernard", "Blanc", "Boucher", "Chevalier", "Durand", "Fontaine",
  "Garnier", "Lambert", "Laurent", "Lefebvre", "Leroy", "Moreau", "Morel", "Petit", "Renaud",
  "Rousseau", "Roux", "Thibault", "Tremblay", "Vincent", "Pelletier", NULL
};

static const char *const italian_women[] = {
  "Giulia", "Francesca|Franca", "Rosaria|Rosa", "Antonella", "Chiara", "Giuseppina|Pina", "Lucia",
  "Carmela", "Concetta|Connie", "Alessandra", "Carla", "Donatella", "Federica", "Gabriella",
  "Lorenza", "Marcella", "Nunzia", "Ornella", "Raffaella", "Serena", "Teresa", NULL
};

static const char *const italian_men[] = {
  "Giuseppe|Beppe", "Salvatore|Sal", "Vincenzo|Enzo", "Niccolò", "Domenico|Dom", "Antonio",
  "Carmine", "Gennaro", "Luca", "Alessandro", "Bruno", "Cesare", "Dario", "Enzo", "Fabio",
  "Giacomo", "Massimo", "Nicola", "Paolo", "Raffaele", "Vittorio", NULL
};

static const char *const italian_surnames[] = {
  "Russo", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
  "De Luca", "Mancini", "D'Angelo", "Lombardi", "Caruso", "Barbieri", "Bianchi", "Costa",
  "Ferrari", "Fontana", "Galli", "Moretti", "Rizzo", "Santoro", "Testa", "Villa", "Rinaldi",
  "Benedetti", "Mariani", "Ferraro", "Palumbo", NULL
};

static const char *const polish_women[] = {
  "Agnieszka|Aga", "Małgorzata|Gosia", "Katarzyna|Kasia", "Zofia|Zosia", "Magdalena|Magda",
  "Joanna|Asia", "Bożena", "Grażyna", "Ewa", "Jadwiga", "Beata", "Dorota", "Elżbieta", "Halina",
  "Iwona", "Krystyna", "Renata", "Urszula", NULL
};

static const char *const polish_men[] = {
  "Łukasz", "Wojciech|Wojtek", "Krzysztof|Krzyś", "Paweł", "Tomasz|Tomek", "Grzegorz|Grześ",
  "Andrzej", "Mirosław|Mirek", "Zbigniew|Zbyszek", "Jakub|Kuba", "Bogdan", "Dariusz", "Jacek",
  "Janusz", "Marek", "Piotr", "Tadeusz", NULL
};

static const char *const polish_surnames[] = {
  "Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Woźniak", "Kaczmarek", "Sikora",
  "Wiśniewski", "Kowalski", "Kamiński", "Lewandowski", "Zieliński", "Dąbrowski", "Szymański",
  NULL
};

static const char *const polish_surnames_women[] = {
  "Nowak", "Wójcik", "Mazur", "Woźniak", "Wiśniewska", "Kowalska", "Kamińska", "Lewandowska",
  "Zielińska", "Dąbrowska", "Szymańska", NULL
};

static const char *const eastern_women[] = {
  "Olena", "Natalia|Natasha", "Svetlana|Sveta", "Yulia", "Oksana", "Tetiana|Tanya", "Irina",
  "Anastasia|Nastya", "Daria", "Galina", "Ksenia", "Larisa", "Ludmila", "Tatiana", "Valentina",
  NULL
};

static const char *const eastern_men[] = {
  "Dmytro", "Sergei", "Oleksandr|Sasha", "Mykola", "Andriy", "Vladimir|Vova", "Yuri",
  "Aleksei|Alyosha", "Ivan", "Anatoly", "Boris", "Dmitri", "Gennady", "Igor", "Konstantin",
  "Maksim", "Nikolai", "Oleg", "Pavel", NULL
};

static const char *const eastern_surnames[] = {
  "Ivanov", "Petrov", "Sokolov", "Kovalenko", "Shevchenko", "Bondarenko", "Melnyk",
  "Tkachenko", "Volkov", "Morozov", NULL
};

static const char *const eastern_surnames_women[] = {
  "Ivanova", "Petrova", "Sokolova", "Kovalenko", "Shevchenko", "Bondarenko", "Melnyk",
  "Tkachenko", "Volkova", "Morozova", NULL
};

static const char *const jewish_women[] = {
  "Miriam", "Rivka", "Shira", "Talia", "Esther", "Naomi", "Yael", "Devorah|Debbie", "Ruth",
  "Leah", "Aviva", "Chana", "Dalia", "Hadassah", "Malka", "Orly", NULL
};

static const char *const jewish_men[] = {
  "Avi", "Eli", "Moshe", "Noam", "Yosef|Yossi", "Ari", "Shlomo", "Mordechai|Motti",
  "Binyamin|Benny", "Reuven", "Baruch", "Chaim", "Gideon", "Meir", "Shimon", "Yaakov", NULL
};

static const char *const jewish_surnames[] = {
  "Goldberg", "Cohen", "Levy", "Katz", "Rosenbaum", "Friedman", "Shapiro", "Weiss", "Horowitz",
  "Feldman", "Abramowitz", "Ben-David", "Klein", "Adler", "Birnbaum", "Berman", "Blum", "Gold",
  "Greenberg", "Kaplan", "Levine", "Rosen", "Rubin", "Schwartz", "Stein", "Zucker", "Rosenthal",
  "Eisenberg", "Lieberman", NULL
};

static const char *const nordic_women[] = {
  "Åsa", "Ingrid", "Sigrid", "Kari", "Solveig", "Linnéa", "Maja", "Astrid", "Ragnhild", "Signe",
  "Märta", "Birgitta", "Elin", "Freja", "Hedda", "Kirsten", "Linnea", "Tove", NULL
};

static const char *const nordic_men[] = {
  "Søren", "Bjørn", "Lars", "Ørjan", "Anders", "Håkon", "Jens", "Magnus", "Nils", "Torbjörn",
  "Per", "Åke", "Erik", "Gunnar", "Olav", "Rune", "Stig", "Tor", NULL
};

static const char *const nordic_surnames[] = {
  "Lindqvist", "Andersson", "Sørensen", "Håkansson", "Ødegaard", "Nyström", "Johansson", "Berg",
  "Lindgren", "Haugen", "Bjørklund", "Dahl", "Østergaard", "Strand", "Ekström", "Eriksson",
  "Hansen", "Holm", "Isaksen", "Jensen", "Karlsson", "Larsen", "Lund", "Mikkelsen", "Nielsen",
  "Nilsson", "Olsen", "Pedersen", "Persson", "Svensson", "Sandberg", "Vik", "Lie", "Moen",
  "Bakke", NULL
};

static const char *const hispanic_women[] = {
  "María|Mari", "Ana", "Lucía", "Sofía", "Mónica", "Verónica|Vero", "Guadalupe|Lupe", "Inés",
  "Marisol", "Yesenia", "Beatriz|Bea", "Dolores|Lola", "Xiomara", "Rocío", "Maricela",
  "Alejandra|Ale", "Ximena", "Graciela|Chela", "Leticia|Lety", "Yolanda", "Carmen",
  "Rosario|Charo", "Itzel", "Araceli", "Daniela|Dani", "Yadira", "Esperanza", "Consuelo|Chelo",
  "Adriana", "Blanca", "Catalina|Cata", "Cecilia|Ceci", "Claudia", "Elena", "Fernanda|Fer",
  "Gabriela|Gaby", "Irene", "Isabel|Chabela", "Julia", "Lourdes|Lulú", "Luz", "Margarita|Margie",
  "Mercedes|Meche", "Natalia|Naty", "Norma", "Patricia|Paty", "Paola", "Pilar", "Raquel",
  "Silvia", "Susana", "Teresa|Tere", "Valeria", "Marisela", "Elvira", "Irma", "Josefina|Chepa",
  "Juana", "Lorena", "Maribel", "Nayeli", "Perla", "Reina", "Sandra", "Viviana", "Zulema", "Olga",
  "Martha", "Rosa", "Gloria", "Alma", "Brenda", "Karina", NULL
};

static const char *const hispanic_men[] = {
  "José|Pepe", "Jesús|Chuy", "Luis", "Carlos", "Ángel", "Andrés", "Javier", "Raúl", "Héctor",
  "Joaquín", "Rubén", "Efraín", "Iván", "Tomás", "Francisco|Paco", "Ignacio|Nacho",
  "Alejandro|Álex", "Guillermo|Memo", "Eduardo|Lalo", "Manuel|Manny", "Fernando", "Ramón",
  "Julio", "Óscar", "Miguel", "Jorge", "Santiago|Santi", "Emiliano", "Alberto|Beto",
  "Alfonso|Poncho", "Armando", "Arturo", "Benjamín", "César", "Cristian", "Diego",
  "Enrique|Quique", "Ernesto|Neto", "Esteban", "Felipe", "Gerardo", "Gilberto", "Gustavo|Tavo",
  "Hugo", "Jaime", "Leonardo|Leo", "Lorenzo", "Marco", "Mario", "Martín", "Mauricio", "Nicolás",
  "Pablo", "Pedro", "Rafael|Rafa", "Ricardo", "Roberto", "Rodrigo", "Salvador|Chava", "Sergio",
  "Víctor", "Ulises", "Adrián", "Agustín", "Emilio", "Gonzalo", "Isidro", "Jacinto", "Lázaro",
  "Mateo", "Moisés", "Noé", "Octavio", "Orlando", "Ramiro", "Rogelio", "Saúl", "Teodoro|Teo",
  "Wilfredo", "Abel", "Alonso", "Bernardo", "Camilo", "Darío", "Fidel", "Germán", "Homero", NULL
};

static const char *const hispanic_surnames[] = {
  "Muñoz", "Peña", "García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez",
  "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Díaz", "Reyes", "Morales", "Jiménez",
  "Gutiérrez", "Ortiz", "Chávez", "Ruiz", "Castillo", "Vásquez", "Núñez", "Ibáñez", "Rosario",
  "Santiago", "Colón", "Quiñones", "Avilés", "Mendoza", "Aguilar", "Delgado", "Medina", "Herrera",
  "Cervantes", "Villanueva", "Fuentes", "Zúñiga", "Torres", "Rivera", "Ramos", "Romero",
  "Álvarez", "Vargas", "Castro", "Gallegos", "Contreras", "Guerrero", "Estrada", "Espinoza",
  "Figueroa", "Salazar", "Soto", "Vega", "Campos", "Cortés", "Domínguez", "Fernández", "Guzmán",
  "Ibarra", "Juárez", "Lara", "León", "Luna", "Maldonado", "Marín", "Márquez", "Molina",
  "Montoya", "Navarro", "Ochoa", "Orozco", "Pacheco", "Padilla", "Ríos", "Robles", "Rojas",
  "Salas", "Sandoval", "Serrano", "Solís", "Suárez", "Trujillo", "Valdez", "Valencia",
  "Velázquez", "Zamora", "Acosta", "Arroyo", "Barrera", "Benítez", "Cabrera", "Cárdenas",
  "Carrillo", "Escobar", "Galván", "Lozano", "Mejía", "Miranda", "Montes", "Olivares", "Pineda",
  "Quintero", "Rangel", "Rosales", "Sepúlveda", "Tapia", "Villarreal", "Zavala", "Alvarado",
  "Ayala", "Bermúdez", "Calderón", "Cisneros", "Duarte", "Esquivel", "Franco", "Garza", "Hidalgo",
  "Iglesias", "Lucero", "Macías", "Meléndez", "Nava", "Ocampo", "Ponce", "Quiroga", "Rentería",
  "Saavedra", "Tovar", "Urrutia", "Varela", "Villegas", "Yáñez", "Zapata", "Beltrán", "Bravo",
  "Cano", "Cordero", "Durán", "Enríquez", "Farías", "Gallardo", "Hurtado", "Jaramillo", NULL
};

static const char *const black_women[] = {
  "Keisha", "Latoya", "Imani", "Aaliyah", "Shanice", "Tamika", "Ebony", "Jasmine|Jazz", "Monique",
  "Tanisha", "Ayesha", "Destiny", "Shaniqua", "Precious", "Lakisha", "Dominique", "Kiara", "Nia",
  "Zora", "Latrice", "Tasha", "Kenya", "Ciara", "Jada", "Tiana", "Raven", "Tierra", "Alexus",
  "Brianna", "Sade", "Chantal", "Kendra", "Aisha", "Nadia", "Tatiana", "Aliyah", "Janelle",
  "Keyana", "Yolanda", "Gwendolyn|Gwen", "Bernice", "Loretta", "Ernestine", "Mattie", "Odessa",
  NULL
};

static const char *const black_men[] = {
  "DeShawn", "Jamal", "Tyrone", "Darnell", "Marquise", "André", "Terrence|Terry", "Malik",
  "Jerome", "Darius", "Lamar", "Cedric", "Reginald|Reggie", "Demetrius", "Antoine", "Kareem",
  "Jaylen", "Rasheed", "Dwayne", "Cornelius|Neil", "Marcus", "Andre", "Maurice", "Terrell",
  "Jermaine", "Deon", "Tavon", "Rashad", "Quentin", "Cedrick", "Alonzo", "Willie", "Otis",
  "Clarence", "Leroy", "Roosevelt", "Jalen", "Trevon", "Kendrick", "Dante", "Xavier", "Isaiah",
  "Elijah", "Khalil", "Omari", "Desmond", NULL
};

static const char *const black_surnames[] = {
  "Washington", "Jefferson", "Jackson", "Freeman", "Banks", "Booker", "Robinson", "Coleman",
  "Brooks", "Mitchell", "Johnson", "Williams", "Harris", "Thomas", "Moore", "Jenkins", "Simmons",
  "Bryant", "Hayes", "Wallace", "Dixon", "Gaines", "Rhodes", "Battle", "Jeffries", "Mayfield",
  "Bell", "Hairston", "Pettaway", "Childress", "Toussaint", "Saunders", "Tolliver",
  "Merriweather", "Cheatham", "Blackmon", "Outlaw", "Lockhart", "Majors", "Peoples", "Giles",
  "Pryor", "Whitlock", "Boykin", "Hargrove", "Ashby", "Lattimore", "Fairley", "Dorsey", "Easley",
  "Glover", "Holloway", "Ivory", "Kearney", "Lovett", "Mack", "Mosley", "Nix", "Person", "Rucker",
  "Scruggs", "Spivey", "Staton", "Tinsley", "Wiggins", NULL
};

static const char *const vietnamese_women[] = {
  "Thảo", "Linh", "Hương", "Phương", "Ngọc", "Trâm", "Hạnh", "Lan", "Mai", "Thúy", "Nhung",
  "Diệp", "Anh", "Bích", "Châu", "Giang", "Hà", "Hằng", "Huyền", "Kim", "Loan", "My", "Nga",
  "Oanh", "Quyên", "Tâm", "Trang", "Uyên", "Vân", "Xuân", "Yến", NULL
};

static const char *const vietnamese_men[] = {
  "Minh", "Tuấn", "Dũng", "Huy", "Quốc", "Thanh", "Hải", "Khoa", "Phúc", "Long", "Bảo", "Đức",
  "Việt", "Nam", "An", "Bình", "Cường", "Định", "Hiếu", "Hoàng", "Hùng", "Khánh", "Lâm", "Lộc",
  "Nghĩa", "Nhân", "Quang", "Sơn", "Tài", "Thắng", "Toàn", "Trung", "Vinh", NULL
};

/* Nguyễn is the family name of nearly four Vietnamese in ten, and Kim, Lee
 * and Park of half of all Koreans: they appear several times. */
static const char *const vietnamese_surnames[] = {
  "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Phạm", "Hoàng",
  "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", NULL
};

static const char *const chinese_women[] = {
  "Mei", "Ling", "Jing", "Yan", "Xiu", "Fang", "Hui", "Xiaoling", "Yuqing", "Qian", "Jiayi",
  "Wing", "Huan", "Lan", "Li", "Na", "Ping", "Shu", "Ting", "Xin", "Ya", "Yue", "Zhen", "Hong",
  NULL
};

static const char *const chinese_men[] = {
  "Wei", "Jun", "Hao", "Lei", "Yong", "Qiang", "Xiaoming", "Zhiwei", "Jian", "Bo", "Ka-Wai",
  "Chen", "Dong", "Gang", "Guo", "Kang", "Ming", "Peng", "Tao", "Xin", "Yi", "Zheng", "Feng", NULL
};

static const char *const chinese_surnames[] = {
  "Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
  "Zhu", "Hu", "Guo", "Lin", "Wong", "Chan", "Leung", "Cheung", "Lau", "Ng", "Cai", "Deng", "Fan",
  "Feng", "Gao", "He", "Jiang", "Liang", "Lu", "Luo", "Shen", "Song", "Tang", "Xie", "Ye", "Yu",
  "Zheng", NULL
};

static const char *const korean_women[] = {
  "Ji-woo", "Seo-yeon", "Eun-ji", "Soo-jin", "Min-ji", "Hye-jin", "Ji-hye", "Yoon-ah", "Da-eun",
  "Ha-eun", "Ji-yeon", "Su-bin", "Yoo-na", "Young-hee", "Na-rae", NULL
};

static const char *const korean_men[] = {
  "Min-jun", "Hyun-woo", "Jae-hyun", "Sung-min", "Dong-hyun", "Jin-ho", "Seung-woo", "Tae-yang",
  "Young-soo", "Ji-hoon", "Sang-woo", "Seung-ho", "Woo-jin", "Young-jae", "Jae-won", NULL
};

static const char *const korean_surnames[] = {
  "Kim", "Kim", "Kim", "Lee", "Lee", "Park", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon",
  "Jang", "Lim", "Han", "Shin", "Seo", "Kwon", "Hwang", "Ahn", "Bae", "Baek", "Cha", "Chung",
  "Heo", "Jeon", "Ko", "Moon", "Nam", "No", "Oh", "Ryu", "Song", "Yang", "Yoo", NULL
};

static const char *const filipino_women[] = {
  "Rowena", "Marites|Tess", "Analyn", "Jocelyn", "Maricel", "Rosalinda|Linda", "Cherry", "Lorna",
  "Divina", "Charisse", "Erlinda", "Gemma", "Leonora", "Perlita", "Teresita", "Mary Grace",
  "Rosalie", NULL
};

static const char *const filipino_men[] = {
  "Rodrigo|Rod", "Jomar", "Ronaldo|Ron", "Arnel", "Noel", "Efren", "Danilo|Danny", "Ariel",
  "Romeo", "Eduardo", "Ferdinand", "Jonel", "Marlon", "Reynaldo", "Rodel", "Rolando", "Wilfredo",
  "Nestor", NULL
};

static const char *const filipino_surnames[] = {
  "Santos", "Reyes", "Dela Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva", "Aquino",
  "Ramos", "Pascual", "Manalo", "Macaraeg", "Dimaculangan", "Lacson", "Castillo", "Del Rosario",
  "Domingo", "Gonzales", "Lopez", "Navarro", "Salvador", "Soriano", "Tolentino", "Magbanua",
  "Pangilinan", NULL
};

static const char *const indian_women[] = {
  "Priya", "Ananya", "Deepa", "Lakshmi", "Kavya", "Sunita", "Aarti", "Meera", "Pooja", "Divya",
  "Harpreet", "Simran", "Nandini", "Anjali", "Kavita", "Meena", "Nisha", "Rekha", "Sangeeta",
  "Uma", NULL
};

static const char *const indian_men[] = {
  "Rahul", "Arjun", "Vikram|Vik", "Sanjay", "Rohan", "Amit", "Karthik", "Suresh", "Harjit",
  "Gurpreet", "Venkatesh|Venky", "Aditya|Adi", "Rajesh|Raj", "Anil", "Deepak", "Ganesh", "Harish",
  "Manoj", NULL
};

static const char *const indian_surnames[] = {
  "Raghunathan", "Patel", "Sharma", "Iyer", "Reddy", "Nair", "Gupta", "Singh", "Desai",
  "Krishnan", "Menon", "Chatterjee", "Banerjee", "Gill", "Sandhu", "Mehta", "Subramanian",
  "Choudhury", "Joshi", "Pillai", "Agarwal", "Bhatt", "Chopra", "Kapoor", "Kumar", "Rao", "Shah",
  "Verma", "Mukherjee", NULL
};

static const char *const arab_women[] = {
  "Layla", "Fatima", "Nour", "Rania", "Yasmin", "Amira", "Huda", "Salma", "Mariam", "Dalia",
  "Rasha", "Hala", "Lina", "Amal", "Dalal", "Farida", "Ghada", "Hiba", "Iman", "Maha", "Rana",
  "Reem", NULL
};

static const char *const arab_men[] = {
  "Youssef", "Omar", "Khalid", "Tariq", "Karim", "Ahmed", "Samir", "Mahmoud", "Bilal", "Hassan",
  "Ibrahim", "Nabil", "Ziad", "Mustafa", "Adel", "Fadi", "Jamal", "Majid", "Rami", "Walid", NULL
};

static const char *const arab_surnames[] = {
  "Haddad", "Khoury", "Mansour", "Nasser", "Saleh", "Hamdan", "Abboud", "Darwish", "Al-Masri",
  "El-Amin", "Khalil", "Aziz", "Suleiman", "Bishara", "Farouk", "Qasim", "Shalhoub", "Younis",
  "Barakat", "Ghanem", "Habib", "Jaber", "Rahman", "Shamoun", "Yousef", "Zayed", "Najjar", NULL
};

static const char *const turkish_women[] = {
  "Ayşe", "Elif", "Gülşen", "Zeynep", "Özlem", "Şule", "Büşra", "Derya", "Fatma", "İpek", "Burcu",
  "Deniz", "Ebru", "Gül", "Hatice", "Leyla", "Seda", NULL
};

static const char *const turkish_men[] = {
  "Emre", "Mehmet", "Barış", "Çağrı", "Oğuz", "Murat", "Kemal", "Serkan", "Ömer", "Uğur", "Ahmet",
  "Burak", "Cem", "Hakan", "Onur", "Tolga", "Yusuf", NULL
};

static const char *const turkish_surnames[] = {
  "Çelik", "Yılmaz", "Öztürk", "Şahin", "Kaya", "Doğan", "Aydın", "Demir", "Arslan", "Koç",
  "Kılıç", "Güneş", "Yıldız", "Aksoy", "Erdem", "Kurt", "Özdemir", NULL
};

static const char *const somali_women[] = {
  "Ayaan", "Hodan", "Fadumo", "Hibo", "Asha", "Sahra", "Amina", "Ubah", "Idil", "Sagal", "Hawa",
  "Deeqa", "Filsan", "Khadra", "Ladan", "Nasra", "Ruqia", "Yasmin", NULL
};

static const char *const somali_men[] = {
  "Mohamed", "Abdirahman", "Abdi", "Liban", "Farah", "Abdullahi", "Mahad", "Guled", "Abdiwali",
  "Yusuf", "Hassan", "Bashir", "Dahir", "Ibrahim", "Nuur", "Omar", "Sharmarke", NULL
};

static const char *const somali_surnames[] = {
  "Warsame", "Farah", "Hassan", "Jama", "Abdullahi", "Osman", "Ali", "Egal", "Nur", "Yusuf",
  "Omar", "Aden", "Hirsi", "Dualeh", "Gedi", "Samatar", "Abdi", "Adan", "Barre", "Daud", "Elmi",
  "Guled", "Hussein", "Ibrahim", "Ismail", "Mohamed", "Mohamud", NULL
};

static const char *const nigerian_women[] = {
  "Ngozi", "Chiamaka|Amaka", "Folake", "Adaeze|Ada", "Yetunde|Yetty", "Funmilayo|Funmi",
  "Oluwatoyin|Toyin", "Chidinma", "Ifeoma|Ify", "Blessing", "Nneka", "Abimbola|Bimbo", "Bisola",
  "Kemi", "Nkechi", "Oluchi", "Temitope", "Zainab", NULL
};

static const char *const nigerian_men[] = {
  "Chukwuemeka|Emeka", "Chinedu|Nedu", "Oluwaseun|Seun", "Adewale|Wale", "Obinna", "Tunde",
  "Olumide|Mide", "Ikechukwu|Ike", "Oluwafemi|Femi", "Uchenna", "Segun", "Nnamdi", "Babatunde",
  "Chidi", "Chukwuma", "Emeka", "Femi", "Ikenna", "Kayode", "Yemi", NULL
};

static const char *const nigerian_surnames[] = {
  "Adebayo", "Okafor", "Okonkwo", "Eze", "Nwosu", "Adeyemi", "Ogunleye", "Oyelaran", "Balogun",
  "Ibekwe", "Obi", "Olawale", "Chukwu", "Nwachukwu", "Adeleke", "Onyekachi", "Akinola",
  "Babalola", "Okeke", "Okoro", "Onyeka", "Uche", "Ugwu", NULL
};

static const char *const ethiopian_women[] = {
  "Meron", "Selam", "Hiwot", "Tigist", "Mekdes", "Liya", "Bethlehem|Betty", "Senait", "Rahel",
  "Saba", "Tsion", "Eden", "Almaz", "Hanna", "Kidist", "Yordanos", NULL
};

static const char *const ethiopian_men[] = {
  "Dawit", "Yonas", "Bereket", "Abebe", "Tesfaye", "Henok", "Biniam", "Kidane", "Samuel|Sami",
  "Tewodros|Teddy", "Yared", "Mulugeta", "Abel", "Ermias", "Fikru", "Getachew", "Haile", "Kebede",
  "Mesfin", NULL
};

static const char *const ethiopian_surnames[] = {
  "Tesfaye", "Bekele", "Haile", "Gebre", "Alemu", "Tadesse", "Wolde", "Abebe", "Desta", "Kebede",
  "Girma", "Assefa", "Mekonnen", "Negash", "Gebremedhin", "Tekle", "Berhane", "Woldemariam",
  "Ayele", "Demissie", "Hailu", "Kassa", "Mengistu", "Tefera", "Worku", "Yohannes", "Zewdie", NULL
};

static const char *const native_women[] = {
  "Darlene", "Roberta|Bobbie", "Nizhoni", "Shandiin", "Winona", "Marlene", "Loretta", "Cheyenne",
  "Tallulah", "Dakota", "Rae", "Cecilia|Ceci", "Bernadette|Bernie", "Autumn", "Dawn", "Jolene",
  "Lorraine", "Rayanne", "Shawna", "Lorena", NULL
};

static const char *const native_men[] = {
  "Leonard|Leo", "Delbert", "Raymond|Ray", "Clifford|Cliff", "Lorenzo", "Wilson", "Harrison",
  "Duane", "Marvin", "Everett", "Shawn", "Kyle", "Jonah", "Dakota", "Darrell", "Floyd", "Harlan",
  "Leland", "Lyle", "Roland", "Sherman", "Travis", "Vernon", "Wendell", NULL
};

static const char *const native_surnames[] = {
  "Begay", "Yazzie", "Tsosie", "Benally", "Nez", "Etsitty", "Tso", "Yellowhair", "Harjo",
  "Two Bulls", "Red Cloud", "Little Thunder", "Iron Shell", "Brave Heart", "Many Horses",
  "Yellow Bird", "Sixkiller", "Chee", "Bitsui", "Manuelito", "Redhouse", "Bighorse", "Lente",
  "Keeswood", "Attakai", "Big Eagle", "Bird", "Black Elk", "Charley", "Cornsilk", "Deschenie",
  "Grass", "Jumper", "Lujan", "Running Bear", "Silversmith", "Whitehorse", "Yellowhorse", NULL
};

static const char *const pacific_women[] = {
  "Malia", "Leilani", "Keʻala", "Kalani", "Luana", "Noelani", "Losa", "Salote", "Mele", "Fetu",
  "Alana", "Hina", "Iolana", "Keala", "Lani", "Sina", "Tala", "Vailea", NULL
};

static const char *const pacific_men[] = {
  "Keola", "Kealoha", "Sione", "Tavita", "Kaimana", "Makoa", "Ioane", "Peni", "Tupe", "Kawika",
  "Ikaika", "Alapati", "Kainoa", "Kekoa", "Keoni", "Koa", "Manu", "Nalu", "Tevita", "Vili", NULL
};

static const char *const pacific_surnames[] = {
  "Tuiasosopo", "Faleolo", "Leota", "Aumua", "Fonoti", "Kahananui", "Kealoha", "Kamakana",
  "Akana", "Mahoe", "Palakiko", "Kaʻaihue", "Tuilagi", "Mauga", "Sapolu", "Fonoimoana", "Kahale",
  "Afamasaga", "Fa'amausili", "Kaleo", "Kapule", "Keawe", "Lealaiauloto", "Liufau", "Moana",
  "Nakamura", "Peleke", "Pouono", "Soliai", "Taufa", "Tuitama", "Vaifale", NULL
};

/* Names people take in place of their legal one: an English name used at
 * work, or a name chosen for themselves. */
static const char *const english_women[] = {
  "Amy", "Grace", "Jenny", "Vivian", "Helen", "Michelle", "Cindy", "Annie", NULL
};

static const char *const english_men[] = {
  "Kevin", "Tony", "Eric", "Jason", "Peter", "David", "Andy", "Danny", NULL
};

static const char *const chosen_names[] = {
  "Alex", "Sam", "Jordan", "Taylor", "Casey", "Riley", "Jamie", "Rowan", "Sky", "River",
  "Quinn", "Ash", "Robin", "Jesse", "Kai", "Frankie", "Charlie", "Remy", "Sasha", "Avery",
  NULL
};

enum
{
  RACE_AMERICAN_INDIAN = 1 << 0,
  RACE_ASIAN = 1 << 1,
  RACE_BLACK = 1 << 2,
  RACE_MIDDLE_EASTERN = 1 << 3,
  RACE_PACIFIC_ISLANDER = 1 << 4,
  RACE_WHITE = 1 << 5,
};

/* In the order of the race code list, so that joining them gives the
 * canonical code set. */
static const char *const race_codes[] = {
  "american_indian", "asian", "black", "middle_eastern", "pacific_islander", "white",
};

typedef struct
{
  guint races;
  guint weight;
} RaceWeight;

static const RaceWeight races_white[] = {
  { RACE_WHITE, 100 }, { 0, 0 }
};

static const RaceWeight races_black[] = {
  { RACE_BLACK, 100 }, { 0, 0 }
};

static const RaceWeight races_asian[] = {
  { RACE_ASIAN, 100 }, { 0, 0 }
};

static const RaceWeight races_filipino[] = {
  { RACE_ASIAN, 85 }, { RACE_ASIAN | RACE_PACIFIC_ISLANDER, 7 }, { RACE_ASIAN | RACE_WHITE, 8 },
  { 0, 0 }
};

static const RaceWeight races_middle_eastern[] = {
  { RACE_MIDDLE_EASTERN, 90 }, { RACE_WHITE, 10 }, { 0, 0 }
};

static const RaceWeight races_hispanic[] = {
  { RACE_WHITE, 60 }, { RACE_AMERICAN_INDIAN, 12 }, { RACE_AMERICAN_INDIAN | RACE_WHITE, 14 },
  { RACE_BLACK, 8 }, { RACE_BLACK | RACE_WHITE, 6 }, { 0, 0 }
};

static const RaceWeight races_native[] = {
  { RACE_AMERICAN_INDIAN, 82 }, { RACE_AMERICAN_INDIAN | RACE_WHITE, 12 },
  { RACE_AMERICAN_INDIAN | RACE_BLACK, 6 }, { 0, 0 }
};

static const RaceWeight races_pacific[] = {
  { RACE_PACIFIC_ISLANDER, 80 }, { RACE_ASIAN | RACE_PACIFIC_ISLANDER, 10 },
  { RACE_PACIFIC_ISLANDER | RACE_WHITE, 10 }, { 0, 0 }
};

/* A race sometimes added to a single one, for people of mixed descent. */
static const RaceWeight races_extra[] = {
  { RACE_WHITE, 40 }, { RACE_BLACK, 25 }, { RACE_AMERICAN_INDIAN, 25 }, { RACE_ASIAN, 10 },
  { 0, 0 }
};

typedef struct
{
  const char *const *women;
  const char *const *men;
  const char *const *surnames;
  const char *const *surnames_women;   /* feminine forms, where the language has them */
  const RaceWeight  *races;
  guint              weight;
  guint              hispanic;          /* per mille */
  guint              race_unknown;      /* per mille answering with a data-quality code */
  guint              plain;             /* per mille whose names were typed without accents */
  guint              two_surnames;      /* per mille */
  gboolean           english_names;     /* often known by an English given name */
  gboolean           indigenous;
  guint              us_given;          /* per mille with a given name common in the US */
  guint              us_family;         /* per mille with an English family name */
} Culture;

/* Weighted roughly as the people a drop-in centre in a large US city sees. */
static const Culture cultures[] = {
  { anglo_women, anglo_men, anglo_surnames, NULL, races_white,
    200, 25, 40, 0, 0, FALSE, FALSE, 0, 0 },
  { irish_women, irish_men, irish_surnames, NULL, races_white,
    45, 10, 40, 250, 0, FALSE, FALSE, 500, 0 },
  { german_women, german_men, german_surnames, NULL, races_white,
    40, 10, 40, 150, 0, FALSE, FALSE, 550, 0 },
  { french_women, french_men, french_surnames, NULL, races_white,
    30, 10, 40, 250, 0, FALSE, FALSE, 450, 0 },
  { italian_women, italian_men, italian_surnames, NULL, races_white,
    30, 10, 40, 200, 0, FALSE, FALSE, 500, 0 },
  { polish_women, polish_men, polish_surnames, polish_surnames_women, races_white,
    25, 5, 40, 200, 0, FALSE, FALSE, 450, 0 },
  { eastern_women, eastern_men, eastern_surnames, eastern_surnames_women, races_white,
    15, 5, 40, 0, 0, FALSE, FALSE, 300, 0 },
  { jewish_women, jewish_men, jewish_surnames, NULL, races_white,
    20, 10, 40, 0, 0, FALSE, FALSE, 450, 0 },
  { nordic_women, nordic_men, nordic_surnames, NULL, races_white,
    20, 5, 40, 200, 0, FALSE, FALSE, 550, 0 },
  { hispanic_women, hispanic_men, hispanic_surnames, NULL, races_hispanic,
    180, 900, 180, 300, 150, FALSE, FALSE, 120, 0 },
  { black_women, black_men, black_surnames, NULL, races_black,
    150, 20, 40, 50, 0, FALSE, FALSE, 450, 550 },
  { vietnamese_women, vietnamese_men, vietnamese_surnames, NULL, races_asian,
    20, 5, 40, 500, 0, TRUE, FALSE, 80, 0 },
  { chinese_women, chinese_men, chinese_surnames, NULL, races_asian,
    20, 5, 40, 0, 0, TRUE, FALSE, 80, 0 },
  { korean_women, korean_men, korean_surnames, NULL, races_asian,
    12, 5, 40, 0, 0, TRUE, FALSE, 100, 0 },
  { filipino_women, filipino_men, filipino_surnames, NULL, races_filipino,
    15, 30, 40, 0, 0, FALSE, FALSE, 350, 0 },
  { indian_women, indian_men, indian_surnames, NULL, races_asian,
    15, 5, 40, 0, 0, FALSE, FALSE, 60, 0 },
  { arab_women, arab_men, arab_surnames, NULL, races_middle_eastern,
    15, 5, 60, 0, 0, FALSE, FALSE, 60, 0 },
  { turkish_women, turkish_men, turkish_surnames, NULL, races_middle_eastern,
    7, 5, 60, 300, 0, FALSE, FALSE, 30, 0 },
  { somali_women, somali_men, somali_surnames, NULL, races_black,
    10, 5, 40, 0, 0, FALSE, FALSE, 30, 0 },
  { nigerian_women, nigerian_men, nigerian_surnames, NULL, races_black,
    10, 5, 40, 0, 0, FALSE, FALSE, 120, 0 },
  { ethiopian_women, ethiopian_men, ethiopian_surnames, NULL, races_black,
    10, 5, 40, 0, 0, FALSE, FALSE, 40, 0 },
  { native_women, native_men, native_surnames, NULL, races_native,
    30, 40, 40, 0, 0, FALSE, TRUE, 550, 300 },
  { pacific_women, pacific_men, pacific_surnames, NULL, races_pacific,
    15, 10, 40, 200, 0, FALSE, FALSE, 350, 100 },
};

#define N_CULTURES G_N_ELEMENTS (cultures)

typedef struct
{
  const char *code;
  guint       weight;
} Weighted;

static const Weighted pronouns_woman[] = {
  { "she/her", 95 }, { "she/they", 5 }
};

static const Weighted pronouns_man[] = {
  { "he/him", 96 }, { "he/they", 4 }
};

static const Weighted pronouns_trans_woman[] = {
  { "she/her", 90 }, { "she/they", 10 }
};

static const Weighted pronouns_trans_man[] = {
  { "he/him", 90 }, { "he/they", 10 }
};

static const Weighted pronouns_non_binary[] = {
  { "they/them", 60 }, { "she/they", 20 }, { "he/they", 20 }
};

typedef enum
{
  NAMES_WOMEN,
  NAMES_MEN,
  NAMES_EITHER,
  NAMES_CHOSEN,
} NameKind;

typedef struct
{
  const char     *gender;
  guint           weight;
  NameKind        legal;
  NameKind        known_as;
  const Weighted *pronouns;   /* NULL: those of the legal name */
  guint           n_pronouns;
  guint           with_pronouns;   /* per mille */
} GenderProfile;

#define PRONOUNS(table) table, G_N_ELEMENTS (table)

static const GenderProfile gender_profiles[] = {
  { "man", 5600, NAMES_MEN, NAMES_MEN, PRONOUNS (pronouns_man), 285 },
  { "woman", 3800, NAMES_WOMEN, NAMES_WOMEN, PRONOUNS (pronouns_woman), 285 },
  { "woman;transgender", 80, NAMES_EITHER, NAMES_WOMEN, PRONOUNS (pronouns_trans_woman), 850 },
  { "man;transgender", 50, NAMES_EITHER, NAMES_MEN, PRONOUNS (pronouns_trans_man), 850 },
  { "non_binary", 120, NAMES_EITHER, NAMES_CHOSEN, PRONOUNS (pronouns_non_binary), 850 },
  { "transgender;non_binary", 40, NAMES_EITHER, NAMES_CHOSEN, PRONOUNS (pronouns_non_binary),
    850 },
  { "woman;non_binary", 20, NAMES_WOMEN, NAMES_WOMEN, PRONOUNS (pronouns_non_binary), 850 },
  { "questioning", 30, NAMES_EITHER, NAMES_EITHER, PRONOUNS (pronouns_non_binary), 500 },
  { "different_identity", 20, NAMES_EITHER, NAMES_CHOSEN, PRONOUNS (pronouns_non_binary), 600 },
  { "prefers_not_to_answer", 60, NAMES_EITHER, NAMES_EITHER, NULL, 0, 50 },
  { "doesnt_know", 20, NAMES_EITHER, NAMES_EITHER, NULL, 0, 50 },
  { "not_collected", 160, NAMES_EITHER, NAMES_EITHER, NULL, 0, 50 },
};

static const Weighted ethnicity_other[] = {
  { "not_hispanic", 920 }, { "doesnt_know", 10 },
  { "prefers_not_to_answer", 15 }, { "not_collected", 30 },
};

static const Weighted race_data_quality[] = {
  { "doesnt_know", 30 }, { "prefers_not_to_answer", 35 }, { "not_collected", 35 },
};

static const Weighted veteran_men[] = {
  { "yes", 90 }, { "no", 860 }, { "doesnt_know", 5 }, { "prefers_not_to_answer", 10 },
  { "not_collected", 35 },
};

static const Weighted veteran_women[] = {
  { "yes", 25 }, { "no", 925 }, { "doesnt_know", 5 }, { "prefers_not_to_answer", 10 },
  { "not_collected", 35 },
};

static const Weighted housing[] = {
  { "stably_housed", 450 }, { "unstably_housed", 150 }, { "recovery_housing", 180 },
  { "sheltered", 80 }, { "unsheltered", 50 }, { "institution", 20 }, { "doesnt_know", 10 },
  { "prefers_not_to_answer", 20 }, { "not_collected", 40 },
};

static const Weighted justice[] = {
  { "none", 550 }, { "probation_parole", 180 }, { "recently_released", 80 },
  { "pending_charges", 50 }, { "treatment_court", 60 }, { "doesnt_know", 10 },
  { "prefers_not_to_answer", 40 }, { "not_collected", 30 },
};

typedef struct
{
  const char *name;
  gboolean    family;
  guint       weight;
} Relationship;

static const Relationship relationships_women[] = {
  { "mother", TRUE, 20 }, { "sister", TRUE, 18 }, { "daughter", TRUE, 8 }, { "aunt", TRUE, 5 },
  { "grandmother", TRUE, 4 }, { "wife", TRUE, 10 }, { "cousin", TRUE, 5 },
  { "partner", FALSE, 10 }, { "friend", FALSE, 15 }, { "sponsor", FALSE, 8 },
};

static const Relationship relationships_men[] = {
  { "father", TRUE, 15 }, { "brother", TRUE, 18 }, { "son", TRUE, 8 }, { "uncle", TRUE, 5 },
  { "grandfather", TRUE, 3 }, { "husband", TRUE, 10 }, { "cousin", TRUE, 5 },
  { "partner", FALSE, 10 }, { "friend", FALSE, 15 }, { "sponsor", FALSE, 8 },
};

/* Real area codes; the 555-01xx numbers after them are fictional in all. */
static const char *const area_codes[] = {
  "206", "212", "213", "214", "215", "216", "267", "281", "303", "305", "312", "313", "314",
  "323", "347", "404", "412", "415", "443", "480", "503", "505", "510", "513", "602", "612",
  "614", "617", "702", "713", "718", "720", "773", "808", "832", "907", "919", "928", "971",
};

static const char *const email_domains[] = {
  "example.org", "example.com", "example.net", "example.com",
};

static const char *const notes[] = {
  "Prefers texts after 5pm.",
  "Interested in the peer mentor training.",
  "Asked about the Tuesday evening women's group.",
  "Would like help updating a résumé.",
  "Prefers morning visits; the afternoons are busy with work.",
  "Comes in most mornings for coffee and the job board.",
  "Volunteers at the front desk on Fridays.",
  "Interested in the SMART Recovery meeting.",
  "Asked about bus passes for appointments.",
  "Brings a service dog to visits.",
  "Uses a wheelchair; book the ground-floor room for groups.",
  "Needs a monthly attendance letter for treatment court.",
  "Asked to be reminded about the art group.",
  "Call, do not leave a voicemail.",
  "Prefers email to phone calls.",
  "Has a naloxone kit; interested in the overdose response training.",
  "Referred by the outpatient clinic.",
  "Referred by a friend who attends the Thursday group.",
  "Plays guitar; offered to help with the open mic night.",
  "Works nights; best reached around noon.",
  "Hard of hearing; prefers texts.",
  "Interested in volunteering at the community garden.",
  "Asked about GED classes.",
  "Enjoys the Saturday hike group.",
  "Asked for information on recovery housing.",
  "Changed phone number recently; confirm at next visit.",
  "Interested in the peer recovery specialist certification.",
  "Prefers a quiet space for one-to-one conversations.",
  "Sometimes brings their child on Saturdays; the family room works well.",
  "Helped set up the holiday potluck.",
  "Asked about the computer class on Wednesdays.",
  "Would like to co-facilitate a group someday.",
  "Has low vision; the large-print sign-in sheet helps.",
  "Asked about the employment workshop.",
};

typedef struct
{
  char *name;
  char *nickname;   /* or NULL */
  char *plain;      /* without accents, as often typed on a US keyboard */
  char *ascii;      /* lower-case letters and digits only, for email addresses */
} Name;

typedef struct
{
  Name  *names;
  guint  n;
} NameList;

typedef struct
{
  NameList women;
  NameList men;
  NameList surnames;
  NameList surnames_women;
} CultureNames;

typedef struct
{
  GRand        *rand;
  guint         n_members;
  GDate         today;
  guint32       first_day;   /* Julian day of the earliest joined date */
  guint         n_days;
  /* Each member's joined date (a Julian day, never decreasing with the
   * index), whether they are active, and their row id, for the groups and
   * visits that follow. */
  guint32      *joined;
  guint8       *active;
  gint64       *ids;
  guint         culture_total;
  guint         profile_total;

  CultureNames  names[N_CULTURES];
  NameList      english_women;
  NameList      english_men;
  NameList      chosen;

  GString      *first_name;
  GString      *last_name;
  GString      *emergency_name;
  GString      *email;
  GString      *race;
  GString      *notes;
  char          phone[32];
  char          emergency_phone[32];
  char          birth_date[16];
  char          joined_date[16];
} Demo;

/* The letters of a name as they are written without accents. Ł, Ø and
 * Đ do not decompose, so they are spelled out. */
static char *
plain_name (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;
        default:
          break;
        }

      switch (c)
        {
        case 0x0141: g_string_append_c (out, 'L'); break;      /* Ł */
        case 0x0142: g_string_append_c (out, 'l'); break;      /* ł */
        case 0x00D8: g_string_append_c (out, 'O'); break;      /* Ø */
        case 0x00F8: g_string_append_c (out, 'o'); break;      /* ø */
        case 0x0110: g_string_append_c (out, 'D'); break;      /* Đ */
        case 0x0111: g_string_append_c (out, 'd'); break;      /* đ */
        case 0x0131: g_string_append_c (out, 'i'); break;      /* ı */
        case 0x00DF: g_string_append (out, "ss"); break;       /* ß */
        case 0x02BB: g_string_append_c (out, '\''); break;     /* ʻokina */
        default: g_string_append_unichar (out, c); break;
        }
    }

  return g_string_free (out, FALSE);
}

static char *
ascii_name (const char *text)
{
  g_autofree char *plain = plain_name (text);
  GString *out = g_string_sized_new (strlen (plain));

  for (const char *p = plain; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

static void
name_list_init (NameList          *list,
                const char *const *entries)
{
  list->n = entries ? g_strv_length ((char **) entries) : 0;
  list->names = g_new0 (Name, list->n);

  for (guint i = 0; i < list->n; i++)
    {
      Name *name = &list->names[i];
      const char *bar = strchr (entries[i], '|');

      if (bar != NULL)
        {
          name->name = g_strndup (entries[i], bar - entries[i]);
          name->nickname = g_strdup (bar + 1);
        }
      else
        name->name = g_strdup (entries[i]);
      name->plain = plain_name (name->name);
      name->ascii = ascii_name (name->name);

      /* An email address is made from it, and must not start with "@". */
      g_assert (*name->ascii != '\0');
    }
}

static void
name_list_clear (NameList *list)
{
  for (guint i = 0; i < list->n; i++)
    {
      g_free (list->names[i].name);
      g_free (list->names[i].nickname);
      g_free (list->names[i].plain);
      g_free (list->names[i].ascii);
    }
  g_clear_pointer (&list->names, g_free);
  list->n = 0;
}

static Demo *
demo_new (const PdDemoOptions *options)
{
  g_autofree char *today = pd_date_today ();
  Demo *demo = g_new0 (Demo, 1);
  GDate start;
  gboolean ok;

  demo->rand = g_rand_new_with_seed (options->seed);
  demo->n_members = options->n_members;

  ok = pd_date_parse (today, &demo->today);
  g_assert (ok);
  /* Members join over eight years, or over all the years of history: no
   * session is held before anyone could come. */
  start = demo->today;
  g_date_subtract_years (&start, MAX (8, options->n_years));
  demo->first_day = g_date_get_julian (&start);
  demo->n_days = g_date_get_julian (&demo->today) - demo->first_day;

  for (guint i = 0; i < N_CULTURES; i++)
    {
      name_list_init (&demo->names[i].women, cultures[i].women);
      name_list_init (&demo->names[i].men, cultures[i].men);
      name_list_init (&demo->names[i].surnames, cultures[i].surnames);
      name_list_init (&demo->names[i].surnames_women, cultures[i].surnames_women);
      demo->culture_total += cultures[i].weight;
    }
  for (guint i = 0; i < G_N_ELEMENTS (gender_profiles); i++)
    demo->profile_total += gender_profiles[i].weight;
  name_list_init (&demo->english_women, english_women);
  name_list_init (&demo->english_men, english_men);
  name_list_init (&demo->chosen, chosen_names);

  demo->first_name = g_string_sized_new (64);
  demo->last_name = g_string_sized_new (64);
  demo->emergency_name = g_string_sized_new (64);
  demo->email = g_string_sized_new (64);
  demo->race = g_string_sized_new (64);
  demo->notes = g_string_sized_new (256);

  demo->joined = g_new (guint32, MAX (options->n_members, 1));
  demo->active = g_new (guint8, MAX (options->n_members, 1));
  demo->ids = g_new (gint64, MAX (options->n_members, 1));

  return demo;
}

static void
demo_free (Demo *demo)
{
  for (guint i = 0; i < N_CULTURES; i++)
    {
      name_list_clear (&demo->names[i].women);
      name_list_clear (&demo->names[i].men);
      name_list_clear (&demo->names[i].surnames);
      name_list_clear (&demo->names[i].surnames_women);
    }
  name_list_clear (&demo->english_women);
  name_list_clear (&demo->english_men);
  name_list_clear (&demo->chosen);

  g_string_free (demo->first_name, TRUE);
  g_string_free (demo->last_name, TRUE);
  g_string_free (demo->emergency_name, TRUE);
  g_string_free (demo->email, TRUE);
  g_string_free (demo->race, TRUE);
  g_string_free (demo->notes, TRUE);
  g_free (demo->joined);
  g_free (demo->active);
  g_free (demo->ids);
  g_rand_free (demo->rand);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

static gboolean
chance (Demo  *demo,
        guint  per_mille)
{
  return (guint) g_rand_int_range (demo->rand, 0, 1000) < per_mille;
}

static guint
pick (Demo  *demo,
      guint  n)
{
  g_assert (n > 0);
  return g_rand_int_range (demo->rand, 0, n);
}

static const char *
pick_weighted (Demo           *demo,
               const Weighted *table,
               guint           n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += table[i].weight;
  r = pick (demo, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < table[i].weight)
        return table[i].code;
      r -= table[i].weight;
    }
  g_assert_not_reached ();
}

#define PICK_WEIGHTED(demo, table) pick_weighted (demo, table, G_N_ELEMENTS (table))

static guint
pick_races (Demo             *demo,
            const RaceWeight *table)
{
  guint total = 0;
  guint r;

  for (guint i = 0; table[i].weight; i++)
    total += table[i].weight;
  r = pick (demo, total);
  for (guint i = 0; table[i].weight; i++)
    {
      if (r < table[i].weight)
        return table[i].races;
      r -= table[i].weight;
    }
  g_assert_not_reached ();
}

static const Relationship *
pick_relationship (Demo               *demo,
                   const Relationship *table,
                   guint               n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += table[i].weight;
  r = pick (demo, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < table[i].weight)
        return &table[i];
      r -= table[i].weight;
    }
  g_assert_not_reached ();
}

static const Name *
pick_name (Demo           *demo,
           const NameList *list)
{
  return &list->names[pick (demo, list->n)];
}

static guint
pick_culture (Demo *demo)
{
  guint r = pick (demo, demo->culture_total);

  for (guint i = 0; i < N_CULTURES; i++)
    {
      if (r < cultures[i].weight)
        return i;
      r -= cultures[i].weight;
    }
  g_assert_not_reached ();
}

static const GenderProfile *
pick_profile (Demo *demo)
{
  guint r = pick (demo, demo->profile_total);

  for (guint i = 0; i < G_N_ELEMENTS (gender_profiles); i++)
    {
      if (r < gender_profiles[i].weight)
        return &gender_profiles[i];
      r -= gender_profiles[i].weight;
    }
  g_assert_not_reached ();
}

static const NameList *
given_names (Demo     *demo,
             guint     culture,
             NameKind  kind)
{
  switch (kind)
    {
    case NAMES_WOMEN:
      return &demo->names[culture].women;
    case NAMES_MEN:
      return &demo->names[culture].men;
    case NAMES_CHOSEN:
      return &demo->chosen;
    case NAMES_EITHER:
    default:
      return chance (demo, 500) ? &demo->names[culture].women : &demo->names[culture].men;
    }
}

static const char *
spelling (const Name *name,
          gboolean    plain)
{
  return plain ? name->plain : name->name;
}

static void
format_date (char        *buffer,
             gsize        size,
             const GDate *date,
             gboolean     with_day)
{
  g_assert (size >= PD_DATE_ISO_SIZE);
  if (with_day)
    pd_date_write_iso (date, buffer);
  else
    g_snprintf (buffer, size, "%04d-%02d", (int) g_date_get_year (date),
                (int) g_date_get_month (date));
}

static void
format_phone (Demo *demo,
              char *buffer,
              gsize size)
{
  g_snprintf (buffer, size, "(%s) 555-01%02u",
              area_codes[pick (demo, G_N_ELEMENTS (area_codes))], pick (demo, 100));
}

static void
format_email (Demo       *demo,
              const Name *first,
              const Name *last,
              int         year)
{
  const char *f = first->ascii;
  const char *domain = email_domains[pick (demo, G_N_ELEMENTS (email_domains))];
  GString *out = demo->email;

  g_string_truncate (out, 0);
  if (last == NULL)
    {
      g_string_append_printf (out, "%s%u", f, 10 + pick (demo, 990));
    }
  else
    {
      const char *l = last->ascii;

      switch (pick (demo, 8))
        {
        case 0:
          g_string_append_printf (out, "%s.%s", f, l);
          break;
        case 1:
          g_string_append_printf (out, "%s%s", f, l);
          break;
        case 2:
          g_string_append_printf (out, "%c%s", f[0], l);
          break;
        case 3:
          g_string_append_printf (out, "%s_%s", f, l);
          break;
        case 4:
          g_string_append_printf (out, "%s.%s%02u", f, l, 1 + pick (demo, 99));
          break;
        case 5:
          g_string_append_printf (out, "%s%c%02u", f, l[0], 1 + pick (demo, 99));
          break;
        case 6:
          g_string_append_printf (out, "%s.%s", l, f);
          break;
        default:
          /* The last two digits of the year of birth. */
          if (year > 0)
            g_string_append_printf (out, "%s%02d", f, year % 100);
          else
            g_string_append_printf (out, "%s%s%u", f, l, 1 + pick (demo, 999));
          break;
        }
    }
  g_string_append_printf (out, "@%s", domain);
}

/* The legal first name, and the name the member goes by if it differs. */
static void
make_names (Demo                 *demo,
            guint                 culture,
            const GenderProfile  *profile,
            gboolean              plain,
            const Name          **first_out,
            const Name          **email_name_out,
            const char          **preferred_out,
            NameKind             *legal_kind_out)
{
  const CultureNames *names = &demo->names[culture];
  const NameList *legal_list = given_names (demo, culture, profile->legal);
  NameKind legal_kind = legal_list == &names->women ? NAMES_WOMEN : NAMES_MEN;
  const Name *first, *email_name;
  const char *preferred = NULL;

  /* Many born in the US are given a name common there, whatever their
   * family's language. */
  if (chance (demo, cultures[culture].us_given))
    legal_list = legal_kind == NAMES_WOMEN ? &demo->names[0].women : &demo->names[0].men;
  first = pick_name (demo, legal_list);
  email_name = first;

  if ((profile->known_as == NAMES_WOMEN || profile->known_as == NAMES_MEN) &&
      profile->known_as != legal_kind)
    {
      /* A name in use long before it is the legal one. */
      if (chance (demo, 900))
        {
          email_name = pick_name (demo, given_names (demo, culture, profile->known_as));
          preferred = spelling (email_name, plain);
        }
    }
  else if (profile->known_as == NAMES_CHOSEN && chance (demo, 450))
    {
      email_name = pick_name (demo, &demo->chosen);
      preferred = email_name->name;
    }
  else if (chance (demo, 150))
    {
      if (first->nickname != NULL && chance (demo, 800))
        preferred = first->nickname;
      else if (cultures[culture].english_names && chance (demo, 600))
        {
          email_name = pick_name (demo, legal_kind == NAMES_WOMEN ? &demo->english_women
                                                                  : &demo->english_men);
          preferred = email_name->name;
        }
      else
        {
          /* Goes by a middle name. */
          const Name *middle = pick_name (demo, legal_list);

          if (strcmp (middle->name, first->name) != 0)
            {
              email_name = middle;
              preferred = spelling (middle, plain);
            }
        }
    }

  *first_out = first;
  *email_name_out = email_name;
  *preferred_out = preferred;
  *legal_kind_out = legal_kind;
}

static void
make_emergency_contact (Demo       *demo,
                        guint       culture,
                        const Name *member_first,
                        const Name *member_surname,
                        gboolean    plain)
{
  gboolean woman = chance (demo, 550);
  const CultureNames *names;
  const Relationship *relationship;
  const Name *surname = NULL;
  const Name *first;

  relationship = woman ? pick_relationship (demo, relationships_women,
                                            G_N_ELEMENTS (relationships_women))
                       : pick_relationship (demo, relationships_men,
                                            G_N_ELEMENTS (relationships_men));
  if (relationship->family && member_surname != NULL && chance (demo, 700))
    surname = member_surname;
  else if (chance (demo, 150))
    culture = pick_culture (demo);
  names = &demo->names[culture];
  if (surname == NULL)
    surname = pick_name (demo, &names->surnames);

  /* Not someone of the member's own name. */
  do
    first = pick_name (demo, woman ? &names->women : &names->men);
  while (strcmp (first->name, member_first->name) == 0);

  g_string_truncate (demo->emergency_name, 0);
  g_string_append (demo->emergency_name, spelling (first, plain));
  if (chance (demo, 950))
    g_string_append_printf (demo->emergency_name, " %s", spelling (surname, plain));
  if (chance (demo, 550))
    g_string_append_printf (demo->emergency_name, " (%s)", relationship->name);
}

static void
make_race (Demo          *demo,
           const Culture *culture)
{
  guint races;

  g_string_truncate (demo->race, 0);
  if (chance (demo, culture->race_unknown))
    {
      g_string_append (demo->race, PICK_WEIGHTED (demo, race_data_quality));
      return;
    }

  races = pick_races (demo, culture->races);
  /* Half of the members of more than one race come from here, half from
   * the tables of each culture. */
  if ((races & (races - 1)) == 0 && chance (demo, 45))
    {
      guint extra;

      do
        extra = pick_races (demo, races_extra);
      while (extra == races);
      races |= extra;
    }

  for (guint i = 0; i < G_N_ELEMENTS (race_codes); i++)
    if (races & (1u << i))
      g_string_append_printf (demo->race, "%s%s", demo->race->len ? ";" : "", race_codes[i]);
}

static void
make_notes (Demo *demo)
{
  g_string_truncate (demo->notes, 0);
  if (!chance (demo, 100))
    return;

  g_string_append (demo->notes, notes[pick (demo, G_N_ELEMENTS (notes))]);
  if (chance (demo, 150))
    g_string_append_printf (demo->notes, " %s", notes[pick (demo, G_N_ELEMENTS (notes))]);
}

/* Ages 18 to 80, most between 25 and 55. */
static guint
pick_age (Demo *demo)
{
  guint r = pick (demo, 100);

  if (r < 12)
    return 18 + pick (demo, 7);
  if (r < 82)
    return 25 + pick (demo, 31);
  if (r < 96)
    return 56 + pick (demo, 14);
  return 70 + pick (demo, 11);
}

/* Fills @member with the @index-th demo member. Joined dates grow with
 * @index, so member numbers follow the order in which people joined, and
 * more people joined lately than long ago, as at a growing centre. */
static void
demo_member (Demo     *demo,
             guint     index,
             PdMember *member)
{
  const Culture *culture;
  const GenderProfile *profile;
  const Name *first, *email_name, *surname = NULL, *second_surname = NULL;
  const char *preferred, *pronouns = "", *gender;
  NameKind legal_kind;
  guint culture_index;
  gboolean plain, not_collected, has_phone, has_email;
  double t, x;
  guint joined_offset;
  GDate joined, birth, latest_birth;
  int birth_year = 0;
  guint r;

  /* Where the member is in time, from 0 (eight years ago) to 1 (today):
   * the inverse of a distribution whose density grows from 0.5 to 1.5. */
  t = (index + g_rand_double (demo->rand)) / demo->n_members;
  x = sqrt (0.25 + 2.0 * t) - 0.5;
  joined_offset = MIN ((guint) (x * demo->n_days), demo->n_days);
  g_date_clear (&joined, 1);
  g_date_set_julian (&joined, demo->first_day + joined_offset);
  format_date (demo->joined_date, sizeof demo->joined_date, &joined, TRUE);
  demo->joined[index] = demo->first_day + joined_offset;

  culture_index = pick_culture (demo);
  culture = &cultures[culture_index];
  profile = pick_profile (demo);
  plain = chance (demo, culture->plain);

  make_names (demo, culture_index, profile, plain, &first, &email_name, &preferred, &legal_kind);

  g_string_assign (demo->first_name, spelling (first, plain));

  /* Some first-timers give only a first name. */
  g_string_truncate (demo->last_name, 0);
  if (chance (demo, 990))
    {
      /* A family name from another culture, as marriages and adoptions
       * bring. */
      guint family = culture_index;

      if (chance (demo, culture->us_family))
        family = 0;
      else if (chance (demo, 150))
        family = pick_culture (demo);
      const NameList *surnames = &demo->names[family].surnames;

      if (legal_kind == NAMES_WOMEN && cultures[family].surnames_women != NULL &&
          chance (demo, 600))
        surnames = &demo->names[family].surnames_women;
      surname = pick_name (demo, surnames);
      g_string_append (demo->last_name, spelling (surname, plain));
      if (chance (demo, culture->two_surnames))
        {
          do
            second_surname = pick_name (demo, surnames);
          while (strcmp (second_surname->name, surname->name) == 0);
          g_string_append_printf (demo->last_name, " %s", spelling (second_surname, plain));
        }
    }

  if (chance (demo, profile->with_pronouns))
    {
      if (profile->pronouns != NULL)
        pronouns = pick_weighted (demo, profile->pronouns, profile->n_pronouns);
      else if (legal_kind == NAMES_WOMEN)
        pronouns = PICK_WEIGHTED (demo, pronouns_woman);
      else
        pronouns = PICK_WEIGHTED (demo, pronouns_man);
    }

  /* Birth dates, never later than the member's eighteenth birthday
   * before joining. */
  r = pick (demo, 1000);
  if (r < 50)
    demo->birth_date[0] = '\0';
  else
    {
      birth = demo->today;
      g_date_subtract_years (&birth, pick_age (demo));
      g_date_subtract_days (&birth, pick (demo, 365));
      latest_birth = joined;
      g_date_subtract_years (&latest_birth, 18);
      if (g_date_compare (&birth, &latest_birth) > 0)
        {
          birth = latest_birth;
          g_date_subtract_days (&birth, pick (demo, 365));
        }
      birth_year = g_date_get_year (&birth);
      format_date (demo->birth_date, sizeof demo->birth_date, &birth, r >= 130);
    }

  has_phone = chance (demo, 850);
  if (has_phone)
    format_phone (demo, demo->phone, sizeof demo->phone);
  else
    demo->phone[0] = '\0';

  has_email = chance (demo, 500);
  if (has_email)
    format_email (demo, email_name, surname, birth_year);
  else
    g_string_truncate (demo->email, 0);

  if (chance (demo, 600))
    {
      make_emergency_contact (demo, culture_index, first, surname, plain);
      if (chance (demo, 970))
        format_phone (demo, demo->emergency_phone, sizeof demo->emergency_phone);
      else
        demo->emergency_phone[0] = '\0';
    }
  else
    {
      g_string_truncate (demo->emergency_name, 0);
      demo->emergency_phone[0] = '\0';
    }

  /* A quick registration at a busy front desk asks no demographics. */
  not_collected = chance (demo, 25);
  gender = profile->gender;
  if (culture->indigenous && chance (demo, 40))
    gender = "culturally_specific";
  if (not_collected)
    {
      gender = "not_collected";
      g_string_assign (demo->race, "not_collected");
    }
  else
    make_race (demo, culture);

  pd_member_set (member, PD_MEMBER_FIELD_NUMBER, "");
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, demo->first_name->str);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, demo->last_name->str);
  pd_member_set (member, PD_MEMBER_FIELD_PREFERRED_NAME, preferred);
  pd_member_set (member, PD_MEMBER_FIELD_PRONOUNS, pronouns);
  pd_member_set (member, PD_MEMBER_FIELD_BIRTH_DATE, demo->birth_date);
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, demo->phone);
  pd_member_set (member, PD_MEMBER_FIELD_EMAIL, demo->email->str);
  pd_member_set (member, PD_MEMBER_FIELD_EMERGENCY_NAME, demo->emergency_name->str);
  pd_member_set (member, PD_MEMBER_FIELD_EMERGENCY_PHONE, demo->emergency_phone);
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, demo->joined_date);
  /* Those who joined long ago have more often stopped coming. */
  demo->active[index] = !chance (demo, 440 - (guint) (400 * x));
  pd_member_set (member, PD_MEMBER_FIELD_STATUS, demo->active[index] ? "active" : "inactive");
  pd_member_set (member, PD_MEMBER_FIELD_GENDER, gender);
  pd_member_set (member, PD_MEMBER_FIELD_RACE, demo->race->str);
  pd_member_set (member, PD_MEMBER_FIELD_ETHNICITY,
                 not_collected ? "not_collected"
                 : chance (demo, culture->hispanic) ? "hispanic"
                 : PICK_WEIGHTED (demo, ethnicity_other));
  pd_member_set (member, PD_MEMBER_FIELD_VETERAN,
                 not_collected ? "not_collected"
                 : legal_kind == NAMES_MEN ? PICK_WEIGHTED (demo, veteran_men)
                 : PICK_WEIGHTED (demo, veteran_women));
  pd_member_set (member, PD_MEMBER_FIELD_HOUSING,
                 not_collected ? "not_collected" : PICK_WEIGHTED (demo, housing));
  pd_member_set (member, PD_MEMBER_FIELD_JUSTICE,
                 not_collected ? "not_collected" : PICK_WEIGHTED (demo, justice));
  /* Nobody can be contacted without a phone or an email. */
  pd_member_set (member, PD_MEMBER_FIELD_MAY_CONTACT,
                 chance (demo, 760) && (has_phone || has_email) ? "1" : "0");
  pd_member_set (member, PD_MEMBER_FIELD_REPORT_CONSENT, chance (demo, 920) ? "1" : "0");
  make_notes (demo);
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, demo->notes->str);
  pd_member_set (member, PD_MEMBER_FIELD_CREATED_AT, "");
  pd_member_set (member, PD_MEMBER_FIELD_UPDATED_AT, "");
}

/* Groups, their sessions and attendance, and front-desk visits.
 *
 * A group is filled seat by seat: a regular comes to most sessions for
 * months or years, a drop-out for a few weeks; when either stops, the seat
 * is taken again after a while, mostly by someone who joined lately.
 * Newcomers come once, some of them twice. All of it is drawn from a GRand
 * of its own, so that the members are those a demo of members alone makes
 * (as long as the history is no longer than the eight years over which
 * they join). Sessions are made a day at a time across all groups, so that
 * session ids, and with them the key of the attendance table, grow in the
 * order the rows are written: a bulk load that only ever appends. */

#define NO_MEMBER G_MAXUINT32

/* Seats and headcounts are those of a centre of this many members; smaller
 * centres have smaller groups, larger ones more groups. */
#define REFERENCE_MEMBERS 1000

/* One group more for this many members, beyond the first eight. Tuned so
 * that a million members and ten years make about ten million attendance
 * rows, the size the benchmark measures. */
#define MEMBERS_PER_GROUP 400

/* The one large group, as at a centre whose evening meeting fills the hall. */
#define BIG_GROUP_SEATS 210

#define WEEKDAYS_MON_FRI (PD_WEEKDAY_MONDAY | PD_WEEKDAY_TUESDAY | PD_WEEKDAY_WEDNESDAY | \
                          PD_WEEKDAY_THURSDAY | PD_WEEKDAY_FRIDAY)

typedef struct
{
  const char *name;
  const char *kind;
  PdWeekdays  weekdays;      /* 0: a one-off group, with a session now and then */
  const char *start_time;
  guint       duration;
  const char *mode;
  const char *room;
  guint       seats;         /* regulars, at REFERENCE_MEMBERS */
  guint       headcount;     /* people counted without names, for headcount and both */
  guint       course_weeks;  /* a course run in cohorts; 0 for an ongoing group */
  gboolean    ended;         /* ran for a while, then was archived */
  const char *description;
} GroupTemplate;

/* The first eight are the groups of the smallest centre: every kind, a
 * headcount-only mutual-aid meeting, a group with names and a headcount,
 * a course and a one-off training. */
static const GroupTemplate group_templates[] = {
  { "All-Recovery Meeting", "all_recovery",
    PD_WEEKDAY_MONDAY | PD_WEEKDAY_WEDNESDAY | PD_WEEKDAY_FRIDAY, "18:00", 60, "both",
    "Community Room", 16, 6, 0, FALSE,
    "Every path to recovery is welcome. Guests may stay anonymous." },
  { "Peer Support Circle", "peer_support", PD_WEEKDAY_TUESDAY | PD_WEEKDAY_THURSDAY, "10:00", 90,
    "named", "Room A", 10, 0, 0, FALSE, "Led by trained peer recovery specialists." },
  { "Open Mutual-Aid Meeting", "mutual_aid", PD_WEEKDAY_TUESDAY | PD_WEEKDAY_SATURDAY, "19:30",
    60, "headcount", "Community Room", 0, 22, 0, FALSE,
    "Hosted meeting, run by its members. No names are taken." },
  { "Family and Friends Support", "family", PD_WEEKDAY_TUESDAY, "18:00", 90, "named", "Room B",
    8, 0, 0, FALSE, "For the people who love someone in recovery." },
  { "Mindful Movement", "wellness", PD_WEEKDAY_WEDNESDAY, "11:00", 45, "named", "Gym", 9, 0, 0,
    FALSE, "Gentle stretching and breathing; no experience needed." },
  { "Peer Recovery Coach Training", "training", PD_WEEKDAY_MONDAY | PD_WEEKDAY_WEDNESDAY,
    "13:00", 180, "named", "Training Room", 12, 0, 8, FALSE,
    "Eight-week course towards peer recovery coach certification." },
  { "Art in Recovery", "other", PD_WEEKDAY_FRIDAY, "14:00", 90, "named", "Art Room", 8, 0, 0,
    FALSE, "Painting, collage and zines. Materials provided." },
  { "Naloxone Training", "training", 0, "17:30", 60, "named", "Community Room", 8, 0, 0, FALSE,
    "How to recognise an overdose and use naloxone. Everyone leaves with a kit." },
  { "Young Adults in Recovery", "peer_support", PD_WEEKDAY_WEDNESDAY, "16:30", 60, "named",
    "Room B", 9, 0, 0, FALSE, "For people aged 18 to 29." },
  { "Women's Peer Support", "peer_support", PD_WEEKDAY_MONDAY, "12:00", 60, "named", "Room B",
    10, 0, 0, FALSE, "" },
  { "Men's Peer Support", "peer_support", PD_WEEKDAY_THURSDAY, "18:30", 60, "named", "Room A",
    10, 0, 0, FALSE, "" },
  { "Noon Mutual-Aid Meeting", "mutual_aid", WEEKDAYS_MON_FRI, "12:00", 60, "headcount",
    "Room C", 0, 14, 0, FALSE, "Hosted meeting, run by its members. No names are taken." },
  { "Game Night", "other", PD_WEEKDAY_FRIDAY, "18:00", 120, "both", "Community Room", 12, 5, 0,
    FALSE, "Board games, cards and snacks. Bring a friend." },
  { "Recovery Walk", "wellness", PD_WEEKDAY_SATURDAY, "09:00", 60, "named", "Front steps", 7, 0,
    0, FALSE, "Three miles along the river, at an easy pace." },
  { "Grupo de Apoyo entre Pares", "peer_support", PD_WEEKDAY_SATURDAY, "11:00", 90, "named",
    "Room A", 8, 0, 0, FALSE, "Grupo de apoyo en español." },
  { "Reentry Peer Support", "peer_support", PD_WEEKDAY_TUESDAY, "17:00", 60, "named", "Room C",
    8, 0, 0, FALSE, "For people coming home from incarceration." },
  { "LGBTQ+ Peer Support", "peer_support", PD_WEEKDAY_THURSDAY, "17:30", 60, "named", "Room B",
    8, 0, 0, FALSE, "" },
  { "Veterans Peer Support", "peer_support", PD_WEEKDAY_MONDAY, "10:00", 60, "named", "Room C", 7,
    0, 0, FALSE, "" },
  { "Parents in Recovery", "family", PD_WEEKDAY_WEDNESDAY, "18:30", 60, "named", "Family Room", 7,
    0, 0, FALSE, "Childcare in the family room." },
  { "Job Readiness Workshop", "training", PD_WEEKDAY_THURSDAY, "14:00", 90, "named",
    "Computer Lab", 8, 0, 0, TRUE, "Résumés, interviews and talking about gaps in work history." },
  { "Wellness Recovery Action Plan", "training", PD_WEEKDAY_TUESDAY, "13:00", 120, "named",
    "Training Room", 10, 0, 10, FALSE, "Ten weeks to write your own wellness plan." },
  { "Medication-Assisted Recovery Support", "all_recovery", PD_WEEKDAY_THURSDAY, "12:00", 60,
    "named", "Room C", 9, 0, 0, FALSE, "" },
  { "Music Jam", "other", PD_WEEKDAY_SUNDAY, "15:00", 120, "both", "Community Room", 8, 4, 0,
    FALSE, "Instruments available to borrow." },
};

#define N_BASIC_GROUPS 8

/* Where the groups of a large organisation meet beyond the first centre. */
static const char *const sites[] = {
  "Eastside", "Riverside", "Northgate", "Westfield", "Harbor", "Hillcrest", "Southend",
  "Midtown", "Lakeview", "Old Town", "Fairview", "Parkside", "Brookside", "Cedar Hill",
  "Elm Park", "Glenwood", "Ironbridge", "Juniper", "Kingsway", "Linden", "Maple Grove",
  "Oakdale", "Pinecrest", "Westbrook",
};

/* Staff at the front desk and facilitators who are not members. */
static const char *const staff[] = {
  "Alex R.", "Jordan M.", "Sam T.", "Priya K.", "Marcus W.", "Dana L.", "Rosa G.",
};

static const char *const cancel_reasons[] = {
  "Facilitator ill", "Room needed for a community event", "Power outage",
  "Facilitator away and no cover found", "Staff training day", "Heating broken",
};

static const char *const session_notes[] = {
  "Guest speaker from the county health department.",
  "Potluck after the meeting.",
  "Fire alarm test interrupted for ten minutes.",
  "Two first-timers stayed after to talk with the facilitator.",
  "Ran long: good discussion about the holidays.",
  "Moved to the kitchen; the room was being painted.",
};

/* Weights of the visit purposes, in the order of their position; purposes
 * beyond these get the last weight. */
static const guint purpose_weights[] = { 45, 18, 12, 10, 6, 5, 4 };

typedef struct
{
  guint32 member;   /* index of the member in the seat, or NO_MEMBER */
  guint32 until;    /* the day they stop coming, or the day the seat is taken again */
  guint   p;        /* per mille chance of coming to a session */
} Seat;

typedef struct
{
  guint32 member;
  guint32 day;
} Return;

typedef struct
{
  const GroupTemplate *template;
  gint64      id;
  guint32     start_day;      /* Julian days of its schedule; the history may start later */
  guint32     end_day;        /* inclusive; G_MAXUINT32 for no end */
  char        start_time[8];
  gboolean    named;
  gboolean    counted;        /* takes a headcount */
  gboolean    course;
  guint32     next_one_off;   /* a one-off group's next session */
  guint       headcount;
  guint       newcomers;      /* expected newcomers a session, per mille */
  guint       n_seats;
  Seat       *seats;
  gboolean    seated;         /* the seats were filled once */
  GArray     *returns;        /* Return: newcomers who come once more */
} DemoGroup;

/* How many of the desk's last visitors the demo remembers, and how often
 * (per mille) a visit is one of them coming back. */
#define RECENT_VISITORS 512
#define RETURN_PER_MILLE 700

typedef struct
{
  Demo          *demo;
  PdDatabase    *db;
  GRand         *rand;
  guint          n_members;
  guint32        history_day;  /* the first day of the history */
  guint32        today;
  PdDemoCounts  *counts;
  GPtrArray     *groups;
  char          *now;

  gint64        *purposes;
  guint         *weights;
  guint          n_purposes;
  guint          weight_total;

  /* Members who had joined by the day at hand, and by 14, 30 and 60 days
   * before it. */
  guint32        joined_today;
  guint32        joined_14;
  guint32        joined_30;
  guint32        joined_60;

  GArray        *present;      /* guint32 member indices of a session */
  GArray        *times;        /* guint seconds of a day's visits */

  /* The desk's last visitors, most of whom come back: a centre lives on
   * its regulars. Its own random numbers keep the rest of the demo what
   * it was for a seed. */
  GRand         *returns_rand;
  guint32        recent_visitors[RECENT_VISITORS];
  guint          n_recent_visitors;
  guint          next_recent_visitor;
} Meetings;

static void
demo_group_free (DemoGroup *group)
{
  g_free (group->seats);
  g_array_unref (group->returns);
  g_free (group);
}

static gboolean
rchance (GRand *rand,
         guint  per_mille)
{
  return (guint) g_rand_int_range (rand, 0, 1000) < per_mille;
}

static guint
rpick (GRand *rand,
       guint  n)
{
  g_assert (n > 0);
  return g_rand_int_range (rand, 0, n);
}

static void
format_julian (char    *buffer,
               gsize    size,
               guint32  day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  format_date (buffer, size, &date, TRUE);
}

/* How many members had joined on or before @day: joined dates grow with
 * the index. */
static guint32
joined_by (Meetings *m,
           gint64    day)
{
  guint32 low = 0, high = m->n_members;

  while (low < high)
    {
      guint32 middle = low + (high - low) / 2;

      if ((gint64) m->demo->joined[middle] <= day)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Someone who had joined by the day at hand; with @recent per mille, one
 * who joined in the last @days days, if anyone did. */
static guint32
pick_member (Meetings *m,
             guint     days,
             guint     recent,
             gboolean  active)
{
  guint32 index = NO_MEMBER;

  if (m->joined_today == 0)
    return NO_MEMBER;

  /* Those still coming today are mostly active members. */
  for (guint tries = 0; tries < 3; tries++)
    {
      guint32 low = 0;

      if (rchance (m->rand, recent))
        {
          low = days <= 14 ? m->joined_14 : days <= 30 ? m->joined_30 : m->joined_60;
          if (low >= m->joined_today)
            low = 0;
        }
      index = low + rpick (m->rand, m->joined_today - low);
      if (!active || m->demo->active[index])
        break;
    }
  return index;
}

static void
fill_seat (Meetings  *m,
           DemoGroup *group,
           Seat      *seat,
           guint32    day,
           gboolean   warm)
{
  gboolean lasting = rchance (m->rand, 450);
  guint tenure;

  seat->member = pick_member (m, 60, 600, lasting);
  if (seat->member == NO_MEMBER)
    {
      seat->until = day + 1;
      return;
    }

  if (group->course)
    {
      /* Most finish the course; some stop after a few weeks. */
      seat->p = 820 + rpick (m->rand, 160);
      seat->until = rchance (m->rand, 150) ? day + 7 + rpick (m->rand, 35) : G_MAXUINT32;
      return;
    }

  if (lasting)
    {
      tenure = 180 + rpick (m->rand, 1300);
      seat->p = 700 + rpick (m->rand, 230);
    }
  else
    {
      tenure = 14 + rpick (m->rand, 106);
      seat->p = 500 + rpick (m->rand, 300);
    }
  /* A group that was running before the history starts has regulars
   * part-way through their time with it. */
  seat->until = day + (warm ? 1 + rpick (m->rand, tenure) : tenure);
}

static void
add_present (Meetings *m,
             guint32   member)
{
  if (member != NO_MEMBER)
    g_array_append_val (m->present, member);
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Fills m->present with the members at @group's session of @day, in
 * member order, each once. */
static void
take_attendance (Meetings  *m,
                 DemoGroup *group,
                 guint32    day)
{
  guint n_newcomers = 0;
  guint kept = 0;

  g_array_set_size (m->present, 0);

  if (group->template->weekdays == 0)
    {
      /* A one-off training: whoever signed up, many of them new. */
      guint n = 2 + rpick (m->rand, group->n_seats);

      for (guint i = 0; i < n; i++)
        add_present (m, pick_member (m, 30, 500, FALSE));
    }
  else
    {
      for (guint i = 0; i < group->n_seats; i++)
        {
          Seat *seat = &group->seats[i];

          if (seat->member != NO_MEMBER && seat->until <= day)
            {
              seat->member = NO_MEMBER;
              seat->until = group->course ? G_MAXUINT32 : day + rpick (m->rand, 22);
            }
          if (seat->member == NO_MEMBER && seat->until <= day)
            fill_seat (m, group, seat, day, !group->seated && group->start_day < m->history_day);
          if (seat->member != NO_MEMBER && rchance (m->rand, seat->p))
            add_present (m, seat->member);
        }
      group->seated = TRUE;

      for (guint i = 0; i < 8; i++)
        if (rpick (m->rand, 8000) < group->newcomers)
          n_newcomers++;
      for (guint i = 0; i < n_newcomers; i++)
        {
          guint32 member = pick_member (m, 30, 850, FALSE);

          add_present (m, member);
          if (member != NO_MEMBER && rchance (m->rand, 400))
            {
              Return r = { member, day + 1 + rpick (m->rand, 21) };

              g_array_append_val (group->returns, r);
            }
        }

      for (guint i = 0; i < group->returns->len;)
        {
          Return *r = &g_array_index (group->returns, Return, i);

          if (r->day <= day)
            {
              add_present (m, r->member);
              g_array_remove_index_fast (group->returns, i);
            }
          else
            i++;
        }
    }

  g_array_sort (m->present, compare_guint32);
  for (guint i = 0; i < m->present->len; i++)
    {
      guint32 member = g_array_index (m->present, guint32, i);

      if (kept == 0 || g_array_index (m->present, guint32, kept - 1) != member)
        g_array_index (m->present, guint32, kept++) = member;
    }
  g_array_set_size (m->present, kept);
}

static gboolean
is_holiday (const GDate *day)
{
  GDateMonth month = g_date_get_month (day);
  GDateDay mday = g_date_get_day (day);

  if ((month == G_DATE_DECEMBER && mday == 25) || (month == G_DATE_JANUARY && mday == 1) ||
      (month == G_DATE_JULY && mday == 4))
    return TRUE;
  /* Thanksgiving, the fourth Thursday of November. */
  return month == G_DATE_NOVEMBER && g_date_get_weekday (day) == G_DATE_THURSDAY &&
         mday >= 22 && mday <= 28;
}

static gboolean
meets_on (DemoGroup   *group,
          guint32      day,
          PdWeekdays   weekday)
{
  if (day < group->start_day || day > group->end_day)
    return FALSE;
  if (group->template->weekdays == 0)
    return day == group->next_one_off;
  return (group->template->weekdays & weekday) != 0;
}

static gboolean
add_session (Meetings     *m,
             DemoGroup    *group,
             guint32       day,
             const char   *date,
             const char   *closed,
             GError      **error)
{
  char starts_at[32];
  const char *reason = closed;
  const char *note = "";
  guint headcount = 0;
  sqlite3_stmt *stmt;
  gint64 session_id;

  if (group->template->weekdays == 0)
    group->next_one_off = day + 35 + rpick (m->rand, 28);

  /* Sessions to come, and today's, are left for the centre to record. */
  if (day < m->today)
    {
      if (reason == NULL && rchance (m->rand, 12))
        reason = cancel_reasons[rpick (m->rand, G_N_ELEMENTS (cancel_reasons))];
      if (reason == NULL && rchance (m->rand, 40))
        note = session_notes[rpick (m->rand, G_N_ELEMENTS (session_notes))];
      if (reason == NULL && group->counted)
        {
          if (group->named)
            /* Guests who give no name, besides the members marked present. */
            headcount = rpick (m->rand, 2 * group->headcount + 1);
          else
            headcount = MAX (2, group->headcount * (600 + rpick (m->rand, 800)) / 1000);
        }
    }

  g_snprintf (starts_at, sizeof starts_at, "%sT%s", date, group->start_time);
  stmt = pd_database_prepare (m->db,
                              "INSERT INTO sessions (group_id, starts_at, duration_minutes,"
                              " cancelled, cancel_reason, notes, headcount)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group->id);
  sqlite3_bind_text (stmt, 2, starts_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, group->template->duration);
  sqlite3_bind_int (stmt, 4, reason != NULL);
  sqlite3_bind_text (stmt, 5, reason != NULL ? reason : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, note, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, headcount);
  if (!pd_database_step_done (m->db, stmt, error))
    return FALSE;
  session_id = sqlite3_last_insert_rowid (pd_database_get_handle (m->db));
  m->counts->n_sessions++;

  if (day >= m->today || reason != NULL || !group->named)
    return TRUE;

  take_attendance (m, group, day);
  stmt = pd_database_prepare (m->db,
                              "INSERT INTO attendance (session_id, member_id, recorded_at)"
                              " VALUES (?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < m->present->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, session_id);
      sqlite3_bind_int64 (stmt, 2, m->demo->ids[g_array_index (m->present, guint32, i)]);
      sqlite3_bind_text (stmt, 3, m->now, -1, SQLITE_STATIC);
      if (!pd_database_step_done (m->db, stmt, error))
        return FALSE;
    }
  m->counts->n_attendance += m->present->len;
  return TRUE;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Someone the desk saw lately, more likely the more often they came, in
 * place of @member most of the time; @member joins those seen lately. */
static guint32
returning_visitor (Meetings *m,
                   guint32   member)
{
  if (m->n_recent_visitors > 0 &&
      (guint) g_rand_int_range (m->returns_rand, 0, 1000) < RETURN_PER_MILLE)
    member = m->recent_visitors[g_rand_int_range (m->returns_rand, 0,
                                                  (gint32) m->n_recent_visitors)];

  m->recent_visitors[m->next_recent_visitor] = member;
  m->next_recent_visitor = (m->next_recent_visitor + 1) % RECENT_VISITORS;
  m->n_recent_visitors = MIN (m->n_recent_visitors + 1, RECENT_VISITORS);
  return member;
}

/* A dozen visits a day at a small centre, up to a hundred at a large one,
 * growing with the members who have joined; fewer at weekends. */
static gboolean
add_visits (Meetings    *m,
            const GDate *day,
            const char  *date,
            GError     **error)
{
  static const guint weekday_share[] = { 0, 100, 100, 100, 100, 100, 60, 25 };
  double size = 12.0 * pow (MAX (m->n_members, 1) / 200.0, 0.27);
  double grown = 0.4 + 0.6 * (m->n_members > 0 ? (double) m->joined_today / m->n_members : 0);
  const char *morning = staff[rpick (m->rand, G_N_ELEMENTS (staff))];
  const char *afternoon = staff[rpick (m->rand, G_N_ELEMENTS (staff))];
  sqlite3_stmt *stmt;
  guint n;

  size = CLAMP (size, 12.0, 100.0) * grown * weekday_share[g_date_get_weekday (day)] / 100.0;
  n = (guint) (size * (750 + rpick (m->rand, 500)) / 1000.0 + 0.5);

  g_array_set_size (m->times, 0);
  for (guint i = 0; i < n; i++)
    {
      /* From nine to seven. */
      guint second = 9 * 3600 + rpick (m->rand, 10 * 3600);

      g_array_append_val (m->times, second);
    }
  g_array_sort (m->times, compare_guint);

  stmt = pd_database_prepare (m->db,
                              "INSERT INTO visits (member_id, visited_at, purpose_id, recorded_by,"
                              " created_at) VALUES (?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint second = g_array_index (m->times, guint, i);
      guint32 member = rchance (m->rand, 120) ? NO_MEMBER : pick_member (m, 14, 250, FALSE);

      if (member != NO_MEMBER)
        member = returning_visitor (m, member);
      guint r = rpick (m->rand, MAX (m->weight_total, 1));
      gint64 purpose = m->n_purposes > 0 ? m->purposes[m->n_purposes - 1] : 0;
      char visited_at[32];

      for (guint j = 0; j < m->n_purposes; j++)
        {
          if (r < m->weights[j])
            {
              purpose = m->purposes[j];
              break;
            }
          r -= m->weights[j];
        }

      g_snprintf (visited_at, sizeof visited_at, "%sT%02u:%02u:%02u", date, second / 3600,
                  second / 60 % 60, second % 60);
      if (member != NO_MEMBER)
        sqlite3_bind_int64 (stmt, 1, m->demo->ids[member]);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_text (stmt, 2, visited_at, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, purpose);
      sqlite3_bind_text (stmt, 4, second < 14 * 3600 ? morning : afternoon, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, m->now, -1, SQLITE_STATIC);
      if (!pd_database_step_done (m->db, stmt, error))
        return FALSE;
    }
  m->counts->n_visits += n;
  return TRUE;
}

static gboolean
read_purposes (Meetings  *m,
               GError   **error)
{
  g_autoptr(GPtrArray) purposes = pd_purposes_list (m->db, FALSE, error);

  if (purposes == NULL)
    return FALSE;
  m->n_purposes = purposes->len;
  m->purposes = g_new (gint64, MAX (purposes->len, 1));
  m->weights = g_new (guint, MAX (purposes->len, 1));
  for (guint i = 0; i < purposes->len; i++)
    {
      const PdPurpose *purpose = g_ptr_array_index (purposes, i);

      m->purposes[i] = purpose->id;
      m->weights[i] = purpose_weights[MIN (i, G_N_ELEMENTS (purpose_weights) - 1)];
      m->weight_total += m->weights[i];
    }
  return TRUE;
}

static const char *
season (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  switch (g_date_get_month (&date))
    {
    case G_DATE_JANUARY: case G_DATE_FEBRUARY: case G_DATE_MARCH:
      return "Winter";
    case G_DATE_APRIL: case G_DATE_MAY: case G_DATE_JUNE:
      return "Spring";
    case G_DATE_JULY: case G_DATE_AUGUST: case G_DATE_SEPTEMBER:
      return "Summer";
    case G_DATE_OCTOBER: case G_DATE_NOVEMBER: case G_DATE_DECEMBER:
    case G_DATE_BAD_MONTH:
    default:
      return "Autumn";
    }
}

static gboolean
insert_group (Meetings             *m,
              const GroupTemplate  *template,
              const char           *name,
              guint                 n_seats,
              guint32               start_day,
              guint32               end_day,
              gboolean              archived,
              GError              **error)
{
  g_autoptr(PdGroup) row = pd_group_new ();
  DemoGroup *group = g_new0 (DemoGroup, 1);
  char date[16];
  sqlite3_stmt *stmt;
  guint32 facilitator = NO_MEMBER;

  group->template = template;
  group->start_day = start_day;
  group->end_day = end_day;
  g_strlcpy (group->start_time, template->start_time, sizeof group->start_time);
  group->named = !g_str_equal (template->mode, "headcount");
  group->counted = !g_str_equal (template->mode, "named");
  group->course = template->course_weeks > 0;
  group->next_one_off = MAX (start_day, m->history_day) + rpick (m->rand, 42);
  group->headcount = template->headcount == 0 ? 0
                     : MAX (2, (guint) (template->headcount *
                                        CLAMP (m->n_members / (double) REFERENCE_MEMBERS, 0.4,
                                               1.0)));
  group->n_seats = group->named ? n_seats : 0;
  group->newcomers = group->course ? 0 : MIN (group->n_seats * 60, 2500);
  group->seats = g_new0 (Seat, MAX (group->n_seats, 1));
  for (guint i = 0; i < group->n_seats; i++)
    group->seats[i].member = NO_MEMBER;
  group->returns = g_array_new (FALSE, FALSE, sizeof (Return));
  g_ptr_array_add (m->groups, group);

  g_free (row->name);
  row->name = g_strdup (name);
  g_free (row->kind);
  row->kind = g_strdup (template->kind);
  g_free (row->room);
  row->room = g_strdup (template->room);
  g_free (row->description);
  row->description = g_strdup (template->description);
  row->weekdays = template->weekdays;
  g_free (row->start_time);
  row->start_time = g_strdup (template->start_time);
  row->duration_minutes = template->duration;
  format_julian (date, sizeof date, start_day);
  g_free (row->start_date);
  row->start_date = g_strdup (date);
  g_free (row->end_date);
  if (end_day != G_MAXUINT32)
    {
      format_julian (date, sizeof date, end_day);
      row->end_date = g_strdup (date);
    }
  else
    row->end_date = g_strdup ("");
  g_free (row->attendance_mode);
  row->attendance_mode = g_strdup (template->mode);
  row->archived = archived;

  /* Mutual-aid meetings run themselves; peer groups are often led by a
   * member who came to them first. */
  if (g_str_equal (template->kind, "mutual_aid"))
    ;
  else if (!g_str_equal (template->kind, "training") && rchance (m->rand, 500))
    {
      guint32 by_start = joined_by (m, start_day);

      if (by_start > 0)
        for (guint tries = 0; tries < 5 && facilitator == NO_MEMBER; tries++)
          {
            guint32 index = rpick (m->rand, by_start);

            if (m->demo->active[index])
              facilitator = index;
          }
    }
  if (facilitator == NO_MEMBER && !g_str_equal (template->kind, "mutual_aid"))
    {
      g_free (row->facilitator_name);
      row->facilitator_name = g_strdup (staff[rpick (m->rand, G_N_ELEMENTS (staff))]);
    }

  if (!pd_group_validate (row, error))
    {
      g_prefix_error (error, "demo group “%s”: ", name);
      return FALSE;
    }

  stmt = pd_database_prepare (m->db,
                              "INSERT INTO groups (name, kind, facilitator_member_id,"
                              " facilitator_name, room, description, weekdays, start_time,"
                              " duration_minutes, start_date, end_date, attendance_mode, archived,"
                              " created_at, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                              " ?14, ?14)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->kind, -1, SQLITE_STATIC);
  if (facilitator != NO_MEMBER)
    sqlite3_bind_int64 (stmt, 3, m->demo->ids[facilitator]);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, row->facilitator_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->room, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->description, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, row->weekdays);
  sqlite3_bind_text (stmt, 8, row->start_time, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, row->duration_minutes);
  sqlite3_bind_text (stmt, 10, row->start_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, row->end_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, row->attendance_mode, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 13, row->archived ? 1 : 0);
  sqlite3_bind_text (stmt, 14, m->now, -1, SQLITE_STATIC);
  if (!pd_database_step_done (m->db, stmt, error))
    return FALSE;
  group->id = sqlite3_last_insert_rowid (pd_database_get_handle (m->db));
  m->counts->n_groups++;
  return TRUE;
}

/* The groups of the centre: the first eight at any size, then more, and
 * copies at other sites for a large organisation. A course is one group
 * per cohort, twice a year. */
static gboolean
add_groups (Meetings  *m,
            GError   **error)
{
  guint n_groups = N_BASIC_GROUPS + m->n_members / MEMBERS_PER_GROUP;
  double scale = CLAMP (m->n_members / (double) REFERENCE_MEMBERS, 0.6, 1.0);
  guint32 history_days = m->today - m->history_day;

  for (guint i = 0, made = 0; made < n_groups; i++)
    {
      const GroupTemplate *template = &group_templates[i % G_N_ELEMENTS (group_templates)];
      guint copy = i / G_N_ELEMENTS (group_templates);
      g_autofree char *name = NULL;
      guint n_seats = MAX (2, (guint) (template->seats * scale + 0.5));
      guint32 start_day, end_day = G_MAXUINT32;
      gboolean archived = FALSE;

      if (copy == 0)
        name = g_strdup (template->name);
      else if (copy <= G_N_ELEMENTS (sites))
        name = g_strdup_printf ("%s — %s", template->name, sites[copy - 1]);
      else
        name = g_strdup_printf ("%s — %s %u", template->name,
                                sites[(copy - 1) % G_N_ELEMENTS (sites)],
                                (guint) ((copy - 1) / G_N_ELEMENTS (sites) + 1));

      if (i == 0)
        n_seats = CLAMP (m->n_members / 24, n_seats, BIG_GROUP_SEATS);

      /* Courses are run at the main centre only. */
      if (template->course_weeks > 0 && copy > 0)
        continue;
      made++;

      if (template->course_weeks > 0)
        {
          guint32 length = template->course_weeks * 7;

          /* Cohorts start on a Monday every 26 weeks, from before the
           * history to today. */
          for (guint32 day = m->history_day - length + rpick (m->rand, 182); day <= m->today;
               day += 182)
            {
              g_autofree char *cohort = NULL;
              GDate date;

              g_date_clear (&date, 1);
              g_date_set_julian (&date, day);
              start_day = day - (g_date_get_weekday (&date) - G_DATE_MONDAY);
              g_date_set_julian (&date, start_day);
              cohort = g_strdup_printf ("%s (%s %d)", name, season (start_day),
                                        (int) g_date_get_year (&date));
              if (!insert_group (m, template, cohort, n_seats, start_day,
                                 start_day + length - 1, start_day + length <= m->today, error))
                return FALSE;
            }
          continue;
        }

      /* Most groups were running before the history starts; some began
       * since, and one has ended. */
      if (i == 0 || rchance (m->rand, 750))
        start_day = m->history_day - 30 - rpick (m->rand, 900);
      else
        start_day = m->history_day + rpick (m->rand, MAX (history_days * 7 / 10, 1));
      if (template->ended && m->today > start_day + 120)
        {
          end_day = m->today - 60 - rpick (m->rand, MIN (m->today - start_day - 120, 340) + 1);
          archived = TRUE;
        }

      if (!insert_group (m, template, name, n_seats, start_day, end_day, archived, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *drop;
  char *create;
} SchemaObject;

static void
schema_object_free (SchemaObject *object)
{
  g_free (object->drop);
  g_free (object->create);
  g_free (object);
}

/* Sets the indexes and triggers of the attendance table aside for the
 * bulk load, returning what puts them back as they were. Ten million rows
 * arriving in session order would otherwise each be looked up in the
 * member index and go through the trigger that keeps names out of
 * headcount-only groups; the rows made here never go there, and the whole
 * is one transaction, so no other writer ever sees the table without them. */
static GPtrArray *
set_aside_attendance_schema (PdDatabase  *db,
                             GError     **error)
{
  g_autoptr(GPtrArray) objects =
    g_ptr_array_new_with_free_func ((GDestroyNotify) schema_object_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_database_prepare (db,
                              "SELECT type, name, sql FROM sqlite_master"
                              " WHERE tbl_name = 'attendance' AND type IN ('index', 'trigger')"
                              " AND sql IS NOT NULL ORDER BY type, name",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);
      char *drop = sqlite3_mprintf ("DROP %s \"%w\"", sqlite3_column_text (stmt, 0),
                                    sqlite3_column_text (stmt, 1));

      object->drop = g_strdup (drop);
      object->create = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      sqlite3_free (drop);
      g_ptr_array_add (objects, object);
    }
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  for (guint i = 0; i < objects->len; i++)
    {
      const SchemaObject *object = g_ptr_array_index (objects, i);

      if (!pd_database_exec (db, object->drop, error))
        return NULL;
    }
  return g_steal_pointer (&objects);
}

static gboolean
restore_attendance_schema (PdDatabase  *db,
                           GPtrArray   *objects,
                           GError     **error)
{
  for (guint i = 0; i < objects->len; i++)
    {
      const SchemaObject *object = g_ptr_array_index (objects, i);

      if (!pd_database_exec (db, object->create, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_meetings (Demo          *demo,
              PdDatabase    *db,
              guint32        seed,
              guint          n_years,
              PdDemoCounts  *counts,
              GError       **error)
{
  const guint32 seeds[] = { seed, 0x6d656574 };  /* "meet" */
  const guint32 return_seeds[] = { seed, 0x6465736b };  /* "desk" */
  g_autoptr(GPtrArray) schema = NULL;
  Meetings m = { 0, };
  GDate start;
  gboolean ok = FALSE;

  m.demo = demo;
  m.db = db;
  m.rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  m.returns_rand = g_rand_new_with_seed_array (return_seeds, G_N_ELEMENTS (return_seeds));
  m.n_members = demo->n_members;
  m.today = g_date_get_julian (&demo->today);
  start = demo->today;
  g_date_subtract_years (&start, n_years);
  m.history_day = g_date_get_julian (&start);
  m.counts = counts;
  m.groups = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_group_free);
  m.now = pd_timestamp_now ();
  m.present = g_array_new (FALSE, FALSE, sizeof (guint32));
  m.times = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!read_purposes (&m, error))
    goto out;

  m.joined_today = joined_by (&m, m.history_day);
  if (!add_groups (&m, error))
    goto out;

  schema = set_aside_attendance_schema (db, error);
  if (schema == NULL)
    goto out;

  for (guint32 day = m.history_day; day <= m.today; day++)
    {
      const char *closed = NULL;
      PdWeekdays weekday;
      char date_text[16];
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, day);
      format_date (date_text, sizeof date_text, &date, TRUE);
      weekday = 1 << (g_date_get_weekday (&date) - G_DATE_MONDAY);
      m.joined_today = joined_by (&m, day);
      m.joined_14 = joined_by (&m, (gint64) day - 14);
      m.joined_30 = joined_by (&m, (gint64) day - 30);
      m.joined_60 = joined_by (&m, (gint64) day - 60);

      if (is_holiday (&date))
        closed = "Centre closed for the holiday";
      else if (day < m.today && g_date_get_month (&date) <= G_DATE_FEBRUARY &&
               rchance (m.rand, 15))
        closed = "Snow day: the centre was closed";
      else if (day < m.today && g_date_get_month (&date) == G_DATE_DECEMBER &&
               rchance (m.rand, 15))
        closed = "Snow day: the centre was closed";

      for (guint i = 0; i < m.groups->len; i++)
        {
          DemoGroup *group = g_ptr_array_index (m.groups, i);

          if (meets_on (group, day, weekday) &&
              !add_session (&m, group, day, date_text, closed, error))
            goto out;
        }

      if (day < m.today && closed == NULL && !add_visits (&m, &date, date_text, error))
        goto out;
    }
  ok = restore_attendance_schema (db, schema, error);

out:
  g_rand_free (m.rand);
  g_rand_free (m.returns_rand);
  g_ptr_array_unref (m.groups);
  g_free (m.now);
  g_free (m.purposes);
  g_free (m.weights);
  g_array_unref (m.present);
  g_array_unref (m.times);
  return ok;
}

/* Volunteers: peers who give their time, their weekly shifts, supervision,
 * training and credentials. They are drawn from a generator of their own,
 * so that the members and meetings are those made without them. */

/* The roles of a new database, in the order of their position, with how
 * common each is and a usual weekly shift in quarter hours. */
static const struct
{
  const char *label;
  guint       weight;
  guint       quarters;
} volunteer_roles[] = {
  { "Peer recovery coach", 35, 12 },
  { "Group facilitator", 20, 8 },
  { "Front desk", 25, 16 },
  { "Outreach", 10, 12 },
  { "Driver", 7, 10 },
  { "Other", 3, 8 },
};

enum
{
  ROLE_COACH,
  ROLE_FACILITATOR,
  ROLE_FRONT_DESK,
  N_VOLUNTEER_ROLES = G_N_ELEMENTS (volunteer_roles),
};

/* Who takes a course. */
typedef enum
{
  COURSE_ONBOARDING,   /* everyone, in their first weeks */
  COURSE_YEARLY,       /* everyone, every year */
  COURSE_COACHES,      /* most peer recovery coaches, for their credential */
  COURSE_ANY,          /* some of anyone */
} CourseAudience;

typedef struct
{
  const char     *title;
  const char     *provider;
  guint           quarters;
  gboolean        online;
  const char     *domains;    /* codes of the first migration, separated by commas */
  CourseAudience  audience;
} CourseTemplate;

/* Every domain of a new database has at least one course. */
static const CourseTemplate course_templates[] = {
  { "Naloxone and Overdose Response", "County Health Department", 8, FALSE, "naloxone",
    COURSE_YEARLY },
  { "Volunteer Orientation: Ethics and Boundaries", "Peerdesk Community Centre", 12, FALSE,
    "ethics,confidentiality", COURSE_ONBOARDING },
  { "Confidentiality and Privacy", "Recovery Training Institute", 8, TRUE, "confidentiality",
    COURSE_ONBOARDING },
  { "Bloodborne Pathogens", "County Health Department", 4, TRUE, "bloodborne_pathogens",
    COURSE_ONBOARDING },
  { "Recovery Coach Academy", "Recovery Training Institute", 120, FALSE,
    "advocacy,mentoring_education,recovery_wellness,ethics", COURSE_COACHES },
  { "Advocacy in Action", "State Peer Network", 24, FALSE, "advocacy", COURSE_COACHES },
  { "Motivational Interviewing for Peers", "Recovery Training Institute", 48, FALSE,
    "mentoring_education", COURSE_COACHES },
  { "Wellness Recovery Action Planning", "State Peer Network", 32, FALSE, "recovery_wellness",
    COURSE_COACHES },
  { "Ethics for Peer Specialists", "State Peer Network", 24, TRUE, "ethics", COURSE_COACHES },
  { "Cultural Humility in Recovery", "Community College", 12, TRUE, "cultural_responsiveness",
    COURSE_ANY },
  { "Trauma-Informed Peer Support", "Recovery Training Institute", 24, FALSE, "trauma_informed",
    COURSE_ANY },
  { "Suicide Prevention Gatekeeper Training", "County Health Department", 8, FALSE, "other",
    COURSE_ANY },
};

/* A volunteer for every MEMBERS_PER_VOLUNTEER members, and never fewer
 * than MIN_VOLUNTEERS, so that a small demo has every kind of alert. */
#define MEMBERS_PER_VOLUNTEER 40
#define MIN_VOLUNTEERS 5

typedef struct
{
  gint64   id;
  gint64   member_id;       /* 0 if not a member */
  char    *name;
  guint32  start_day;
  guint32  last_day;        /* the last day they gave time */
  guint    roles;           /* bits of volunteer_roles */
  guint    primary;         /* index in volunteer_roles */
  gboolean lapsed;          /* let the yearly training lapse */
} DemoVolunteer;

typedef struct
{
  Demo          *demo;
  PdDatabase    *db;
  GRand         *rand;
  guint32        today;
  guint32        history_day;
  char          *now;
  PdDemoCounts  *counts;
  gint64         role_ids[N_VOLUNTEER_ROLES];
  gint64         course_ids[G_N_ELEMENTS (course_templates)];
  GArray        *volunteers;  /* DemoVolunteer */
} Volunteers;

static void
demo_volunteer_clear (DemoVolunteer *volunteer)
{
  g_free (volunteer->name);
}

static gint64
lookup_id (PdDatabase  *db,
           const char  *sql,
           const char  *key,
           GError     **error)
{
  sqlite3_stmt *stmt = pd_database_prepare (db, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_FAILED, "demo: there is no “%s” in the database", key);
  return id;
}

static gboolean
read_roles (Volunteers  *v,
            GError     **error)
{
  for (guint i = 0; i < N_VOLUNTEER_ROLES; i++)
    {
      v->role_ids[i] = lookup_id (v->db, "SELECT id FROM volunteer_roles WHERE label = ?1",
                                  volunteer_roles[i].label, error);
      if (v->role_ids[i] == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_courses (Volunteers  *v,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (course_templates); i++)
    {
      const CourseTemplate *template = &course_templates[i];
      g_auto(GStrv) domains = g_strsplit (template->domains, ",", -1);
      sqlite3_stmt *stmt;

      stmt = pd_database_prepare (v->db,
                                  "INSERT INTO courses (title, provider, quarter_hours, delivery,"
                                  " required_yearly, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, template->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, template->provider, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, template->quarters);
      sqlite3_bind_text (stmt, 4, template->online ? "online" : "in_person", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, template->audience == COURSE_YEARLY ? 1 : 0);
      sqlite3_bind_text (stmt, 6, v->now, -1, SQLITE_STATIC);
      if (!pd_database_step_done (v->db, stmt, error))
        return FALSE;
      v->course_ids[i] = sqlite3_last_insert_rowid (pd_database_get_handle (v->db));

      for (guint j = 0; domains[j] != NULL; j++)
        {
          gint64 domain_id = lookup_id (v->db,
                                        "SELECT id FROM training_domains WHERE code = ?1",
                                        domains[j], error);

          if (domain_id == 0)
            return FALSE;
          stmt = pd_database_prepare (v->db,
                                      "INSERT INTO course_domains (course_id, domain_id)"
                                      " VALUES (?1, ?2)",
                                      error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, v->course_ids[i]);
          sqlite3_bind_int64 (stmt, 2, domain_id);
          if (!pd_database_step_done (v->db, stmt, error))
            return FALSE;
        }
      v->counts->n_courses++;
    }
  return TRUE;
}

static guint
pick_role (Volunteers *v)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < N_VOLUNTEER_ROLES; i++)
    total += volunteer_roles[i].weight;
  r = rpick (v->rand, total);
  for (guint i = 0; i < N_VOLUNTEER_ROLES; i++)
    {
      if (r < volunteer_roles[i].weight)
        return i;
      r -= volunteer_roles[i].weight;
    }
  g_assert_not_reached ();
}

/* A name, phone and email for a volunteer who is not a member. */
static void
make_volunteer_contact (Volunteers  *v,
                        char       **name,
                        char       **phone,
                        char       **email)
{
  Demo *demo = v->demo;
  guint r = rpick (v->rand, demo->culture_total);
  guint culture = 0;
  gboolean woman = rchance (v->rand, 550);
  const NameList *given, *surnames;
  const Name *first, *last;

  for (guint i = 0; i < N_CULTURES; i++)
    {
      if (r < cultures[i].weight)
        {
          culture = i;
          break;
        }
      r -= cultures[i].weight;
    }
  given = woman ? &demo->names[culture].women : &demo->names[culture].men;
  surnames = woman && demo->names[culture].surnames_women.n > 0
             ? &demo->names[culture].surnames_women : &demo->names[culture].surnames;
  first = &given->names[rpick (v->rand, given->n)];
  last = &surnames->names[rpick (v->rand, surnames->n)];

  *name = g_strdup_printf ("%s %s", first->nickname != NULL && rchance (v->rand, 300)
                                    ? first->nickname : first->name, last->name);
  *phone = g_strdup_printf ("(%s) 555-01%02u",
                            area_codes[rpick (v->rand, G_N_ELEMENTS (area_codes))],
                            rpick (v->rand, 100));
  *email = g_strdup_printf ("%s.%s@%s", first->ascii, last->ascii,
                            email_domains[rpick (v->rand, G_N_ELEMENTS (email_domains))]);
}

static gboolean
insert_volunteer (Volunteers     *v,
                  DemoVolunteer  *volunteer,
                  const char     *phone,
                  const char     *email,
                  const char     *background_check,
                  const char     *status,
                  GError        **error)
{
  char start[16];
  sqlite3_stmt *stmt;

  format_julian (start, sizeof start, volunteer->start_day);
  stmt = pd_database_prepare (v->db,
                              "INSERT INTO volunteers (member_id, display_name, phone, email,"
                              " start_date, background_check_date, status, created_at,"
                              " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (volunteer->member_id != 0)
    sqlite3_bind_int64 (stmt, 1, volunteer->member_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, volunteer->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, start, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, background_check, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, v->now, -1, SQLITE_STATIC);
  if (!pd_database_step_done (v->db, stmt, error))
    return FALSE;
  volunteer->id = sqlite3_last_insert_rowid (pd_database_get_handle (v->db));

  for (guint i = 0; i < N_VOLUNTEER_ROLES; i++)
    {
      if (!(volunteer->roles & (1u << i)))
        continue;
      stmt = pd_database_prepare (v->db,
                                  "INSERT INTO volunteer_role_links (volunteer_id, role_id)"
                                  " VALUES (?1, ?2)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, volunteer->id);
      sqlite3_bind_int64 (stmt, 2, v->role_ids[i]);
      if (!pd_database_step_done (v->db, stmt, error))
        return FALSE;
    }
  v->counts->n_volunteers++;
  return TRUE;
}

/* The first volunteers are active coaches, a facilitator and the front
 * desk, so that even the smallest demo has credentials to watch. */
static gboolean
make_volunteers (Volunteers  *v,
                 GError     **error)
{
  Demo *demo = v->demo;
  guint n = MAX (MIN_VOLUNTEERS, demo->n_members / MEMBERS_PER_VOLUNTEER);
  g_autoptr(GHashTable) linked = g_hash_table_new (NULL, NULL);
  guint32 history_days = v->today - v->history_day;

  for (guint i = 0; i < n; i++)
    {
      DemoVolunteer volunteer = { 0, };
      g_autofree char *phone = NULL;
      g_autofree char *email = NULL;
      char background_check[16] = "";
      const char *status = "active";
      guint32 member = NO_MEMBER;

      /* Most have volunteered since before the history; some started in it. */
      if (i < 6 || rchance (v->rand, 650))
        volunteer.start_day = v->history_day - 30 - rpick (v->rand, 3 * 365);
      else
        volunteer.start_day = v->history_day + rpick (v->rand, MAX (history_days * 8 / 10, 1));

      /* Many are members who came to the centre first; not the fifth and
       * sixth, whose start must leave room for their leave. */
      if (demo->n_members > 0 && i != 4 && i != 5 &&
          (i == 1 || i == 2 || rchance (v->rand, 600)))
        for (guint tries = 0; tries < 5 && member == NO_MEMBER; tries++)
          {
            guint32 index = rpick (v->rand, demo->n_members);

            if (demo->active[index] && demo->joined[index] + 60 < v->today - 14 &&
                !g_hash_table_contains (linked, GUINT_TO_POINTER (index)))
              member = index;
          }
      if (member != NO_MEMBER)
        {
          g_autoptr(PdMember) row = pd_members_get (v->db, demo->ids[member], error);

          if (row == NULL)
            return FALSE;
          g_hash_table_add (linked, GUINT_TO_POINTER (member));
          volunteer.member_id = demo->ids[member];
          volunteer.name = pd_member_dup_display_name (row);
          phone = g_strdup (pd_member_get (row, PD_MEMBER_FIELD_PHONE));
          email = g_strdup (pd_member_get (row, PD_MEMBER_FIELD_EMAIL));
          volunteer.start_day = MAX (volunteer.start_day, demo->joined[member] + 60);
        }
      else
        make_volunteer_contact (v, &volunteer.name, &phone, &email);
      volunteer.start_day = MIN (volunteer.start_day, v->today - 14);

      switch (i)
        {
        case 0:
          volunteer.primary = ROLE_COACH;
          volunteer.roles = 1u << ROLE_COACH | 1u << ROLE_FACILITATOR;
          break;
        case 1:
        case 3:
          volunteer.primary = ROLE_COACH;
          volunteer.roles = 1u << ROLE_COACH;
          break;
        case 2:
          volunteer.primary = ROLE_FRONT_DESK;
          volunteer.roles = 1u << ROLE_FRONT_DESK;
          volunteer.lapsed = TRUE;
          break;
        default:
          volunteer.primary = pick_role (v);
          volunteer.roles = 1u << volunteer.primary;
          if (rchance (v->rand, 300))
            volunteer.roles |= 1u << pick_role (v);
          break;
        }

      /* The fifth is on leave and the sixth has stopped, so that a small
       * centre has every status too. */
      volunteer.last_day = v->today - 1;
      if (i >= 4)
        {
          guint r = i == 4 ? 850 : i == 5 ? 950 : rpick (v->rand, 1000);
          guint32 served = v->today - volunteer.start_day;

          if (r >= 880 && served > 200)
            {
              status = "former";
              volunteer.last_day = volunteer.start_day + 90 + rpick (v->rand, served - 120);
            }
          else if (r >= 800 && served > 150)
            {
              status = "on_leave";
              volunteer.last_day = v->today - 20 - rpick (v->rand, 100);
            }
        }

      if (rchance (v->rand, 900))
        format_julian (background_check, sizeof background_check,
                       volunteer.start_day - 1 - rpick (v->rand, 60));

      if (!insert_volunteer (v, &volunteer, phone, email, background_check, status, error))
        {
          demo_volunteer_clear (&volunteer);
          return FALSE;
        }
      g_array_append_val (v->volunteers, volunteer);
    }
  return TRUE;
}

/* Weekly shifts by role from the start of the history, or of their
 * volunteering, in quarter hours; a shift is now and then missed, and
 * the last two weeks' are not yet approved. */
static gboolean
add_hours (Volunteers           *v,
           const DemoVolunteer  *volunteer,
           GError              **error)
{
  guint32 first = MAX (volunteer->start_day, v->history_day);

  for (guint role = 0; role < N_VOLUNTEER_ROLES; role++)
    {
      /* Monday to Saturday, as Julian days count them from a Monday, 1;
       * a second role every other week or so. */
      guint weekday = 1 + rpick (v->rand, 6);
      gboolean main_role = role == volunteer->primary;
      guint32 day;

      if (!(volunteer->roles & (1u << role)))
        continue;

      day = first + (7 + weekday - (guint) (first % 7)) % 7;
      for (; day <= volunteer->last_day; day += 7)
        {
          const char *approved_by = "";
          guint quarters;
          char date_text[16];
          GDate date;
          sqlite3_stmt *stmt;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, day);
          if (is_holiday (&date) || !rchance (v->rand, main_role ? 850 : 450))
            continue;

          quarters = volunteer_roles[role].quarters + rpick (v->rand, 5);
          quarters = quarters > 2 ? quarters - 2 : 1;
          if (day + 14 < v->today || rchance (v->rand, 300))
            approved_by = staff[rpick (v->rand, G_N_ELEMENTS (staff))];
          format_date (date_text, sizeof date_text, &date, TRUE);

          stmt = pd_database_prepare (v->db,
                                      "INSERT INTO hours (volunteer_id, date, activity,"
                                      " quarter_hours, approved_by, created_at)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                      error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, volunteer->id);
          sqlite3_bind_text (stmt, 2, date_text, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, volunteer_roles[role].label, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 4, quarters);
          sqlite3_bind_text (stmt, 5, approved_by, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, v->now, -1, SQLITE_STATIC);
          if (!pd_database_step_done (v->db, stmt, error))
            return FALSE;
          v->counts->n_hours++;
        }
    }
  return TRUE;
}

/* Coaches meet a supervisor once a month, facilitators as a group every
 * other month. */
static gboolean
add_supervision (Volunteers           *v,
                 const DemoVolunteer  *volunteer,
                 GError              **error)
{
  gboolean coach = (volunteer->roles & (1u << ROLE_COACH)) != 0;
  gboolean facilitator = (volunteer->roles & (1u << ROLE_FACILITATOR)) != 0;
  guint32 first = MAX (volunteer->start_day, v->history_day);
  guint month = 0;

  if (!coach && !facilitator)
    return TRUE;

  for (guint32 day = first + rpick (v->rand, 28); day <= volunteer->last_day;
       day += 28 + rpick (v->rand, 7), month++)
    {
      gboolean individual = coach && (!facilitator || month % 2 == 0);
      char date[16];
      sqlite3_stmt *stmt;

      if ((!coach && month % 2 == 1) || !rchance (v->rand, 850))
        continue;
      format_julian (date, sizeof date, day);
      stmt = pd_database_prepare (v->db,
                                  "INSERT INTO supervision (volunteer_id, date, supervisor,"
                                  " minutes, kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, volunteer->id);
      sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, staff[rpick (v->rand, G_N_ELEMENTS (staff))], -1,
                         SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, individual ? 60 : 90);
      sqlite3_bind_text (stmt, 5, individual ? "individual" : "group", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, v->now, -1, SQLITE_STATIC);
      if (!pd_database_step_done (v->db, stmt, error))
        return FALSE;
      v->counts->n_supervision++;
    }
  return TRUE;
}

static gboolean
add_completion (Volunteers           *v,
                const DemoVolunteer  *volunteer,
                guint                 course,
                guint32               day,
                GError              **error)
{
  char date[16];
  char certificate[32] = "";
  sqlite3_stmt *stmt;

  format_julian (date, sizeof date, day);
  /* Certificates are numbered by the year they were given. */
  if (rchance (v->rand, 600))
    g_snprintf (certificate, sizeof certificate, "C-%.4s-%05u", date, rpick (v->rand, 100000));
  stmt = pd_database_prepare (v->db,
                              "INSERT INTO completions (volunteer_id, course_id, date,"
                              " quarter_hours, certificate, created_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, volunteer->id);
  sqlite3_bind_int64 (stmt, 2, v->course_ids[course]);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, course_templates[course].quarters);
  sqlite3_bind_text (stmt, 5, certificate, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, v->now, -1, SQLITE_STATIC);
  if (!pd_database_step_done (v->db, stmt, error))
    return FALSE;
  v->counts->n_completions++;
  return TRUE;
}

/* Orientation in the first weeks, naloxone every year (a few let it
 * lapse, the third volunteer always, and are due), and the coaches' longer courses over the years. */
static gboolean
add_completions (Volunteers           *v,
                 const DemoVolunteer  *volunteer,
                 GError              **error)
{
  gboolean coach = (volunteer->roles & (1u << ROLE_COACH)) != 0;
  guint32 last = MIN (volunteer->last_day, v->today - 1);

  for (guint i = 0; i < G_N_ELEMENTS (course_templates); i++)
    {
      guint32 day = volunteer->start_day;

      switch (course_templates[i].audience)
        {
        case COURSE_ONBOARDING:
          day += 7 + rpick (v->rand, 50);
          if (day <= last && !add_completion (v, volunteer, i, day, error))
            return FALSE;
          break;
        case COURSE_YEARLY:
          for (day += 7 + rpick (v->rand, 50); day <= last; day += 330 + rpick (v->rand, 60))
            {
              if (volunteer->lapsed && day + 400 > v->today)
                break;
              if (!add_completion (v, volunteer, i, day, error))
                return FALSE;
              if (rchance (v->rand, 120))
                break;
            }
          break;
        case COURSE_COACHES:
          day += 30 + rpick (v->rand, 700);
          if (coach && day <= last && rchance (v->rand, 750) &&
              !add_completion (v, volunteer, i, day, error))
            return FALSE;
          break;
        case COURSE_ANY:
        default:
          day += rpick (v->rand, 900);
          if (day <= last && rchance (v->rand, 300) &&
              !add_completion (v, volunteer, i, day, error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

/* The coaches' credentials, from the shipped templates in turn: the first
 * has expired, the next two expire within weeks, the rest later. */
static gboolean
add_credentials (Volunteers  *v,
                 GError     **error)
{
  g_autoptr(GPtrArray) templates = NULL;
  guint k = 0;

  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), error);
  if (templates == NULL)
    {
      g_prefix_error (error, "demo credentials: ");
      return FALSE;
    }
  if (templates->len == 0)
    return TRUE;

  for (guint i = 0; i < v->volunteers->len; i++)
    {
      const DemoVolunteer *volunteer = &g_array_index (v->volunteers, DemoVolunteer, i);
      const PdCredentialTemplate *template;
      g_autofree char *issued = NULL;
      g_autofree char *number = NULL;
      char expiry[16] = "";
      guint32 expiry_day;
      guint cycle_days;
      sqlite3_stmt *stmt;

      if (!(volunteer->roles & (1u << ROLE_COACH)) || volunteer->last_day + 1 < v->today - 30)
        continue;

      template = g_ptr_array_index (templates, k % templates->len);
      cycle_days = template->renewal_cycle_months * 30;
      if (k == 0)
        expiry_day = v->today - 10 - rpick (v->rand, 50);
      else if (k <= 2)
        expiry_day = v->today + 15 + rpick (v->rand, 60);
      else
        expiry_day = v->today + 100 + rpick (v->rand, MAX (cycle_days, 200) - 99);
      k++;

      if (template->renewal_cycle_months > 0)
        {
          format_julian (expiry, sizeof expiry, expiry_day);
          issued = pd_date_add_months (expiry, -(int) template->renewal_cycle_months);
        }
      else
        {
          char date[16];

          format_julian (date, sizeof date, MIN (volunteer->start_day + 200, v->today - 1));
          issued = g_strdup (date);
        }
      number = g_strdup_printf ("%.3s-%06u", template->code, rpick (v->rand, 1000000));
      for (char *c = number; *c != '\0'; c++)
        *c = g_ascii_toupper (*c);

      stmt = pd_database_prepare (v->db,
                                  "INSERT INTO credentials (volunteer_id, template, name,"
                                  " issuing_body, number, issued_date, expiry_date,"
                                  " renewal_cycle_months, created_at, updated_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, volunteer->id);
      sqlite3_bind_text (stmt, 2, template->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, template->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, template->issuing_body != NULL ? template->issuing_body : "",
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, number, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, issued, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, expiry, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 8, template->renewal_cycle_months);
      sqlite3_bind_text (stmt, 9, v->now, -1, SQLITE_STATIC);
      if (!pd_database_step_done (v->db, stmt, error))
        return FALSE;
      v->counts->n_credentials++;
    }
  return TRUE;
}

/* Some groups that staff led are led by a volunteer facilitator; the
 * column came with the volunteers, and is left alone where it is absent. */
static int
query_column_exists (PdDatabase  *db,
                     const char  *table,
                     const char  *column,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc, exists = -1;

  stmt = pd_database_prepare (db,
                              "SELECT count(*) FROM pragma_table_info (?1) WHERE name = ?2",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    exists = sqlite3_column_int (stmt, 0) > 0 ? 1 : 0;
  else
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return exists;
}

static gboolean
add_facilitators (Volunteers  *v,
                  GError     **error)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) facilitators = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt;
  int rc;

  switch (query_column_exists (v->db, "groups", "facilitator_volunteer_id", error))
    {
    case 1:
      break;
    case 0:
      return TRUE;
    default:
      return FALSE;
    }

  for (guint i = 0; i < v->volunteers->len; i++)
    {
      const DemoVolunteer *volunteer = &g_array_index (v->volunteers, DemoVolunteer, i);

      if ((volunteer->roles & (1u << ROLE_FACILITATOR)) && volunteer->last_day + 1 == v->today)
        g_array_append_val (facilitators, i);
    }
  if (facilitators->len == 0)
    return TRUE;

  stmt = pd_database_prepare (v->db,
                              "SELECT id FROM groups WHERE kind <> 'mutual_aid' AND archived = 0"
                              " AND facilitator_member_id IS NULL ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (groups, id);
    }
  if (rc != SQLITE_DONE)
    pd_database_set_error (v->db, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0, next = 0; i < groups->len; i++)
    {
      const DemoVolunteer *volunteer;

      if (!rchance (v->rand, 500))
        continue;
      volunteer = &g_array_index (v->volunteers, DemoVolunteer,
                                  g_array_index (facilitators, guint,
                                                 next++ % facilitators->len));
      stmt = pd_database_prepare (v->db,
                                  "UPDATE groups SET facilitator_volunteer_id = ?1,"
                                  " facilitator_member_id = ?2, facilitator_name = ?3"
                                  " WHERE id = ?4",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, volunteer->id);
      /* A member is named by their record, as the groups page shows them. */
      if (volunteer->member_id != 0)
        {
          sqlite3_bind_int64 (stmt, 2, volunteer->member_id);
          sqlite3_bind_text (stmt, 3, "", -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_null (stmt, 2);
          sqlite3_bind_text (stmt, 3, volunteer->name, -1, SQLITE_STATIC);
        }
      sqlite3_bind_int64 (stmt, 4, g_array_index (groups, gint64, i));
      if (!pd_database_step_done (v->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_volunteers (Demo          *demo,
                PdDatabase    *db,
                guint32        seed,
                guint          n_years,
                PdDemoCounts  *counts,
                GError       **error)
{
  const guint32 seeds[] = { seed, 0x766f6c75 };  /* "volu" */
  Volunteers v = { 0, };
  GDate start;
  gboolean ok = FALSE;

  v.demo = demo;
  v.db = db;
  v.rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  v.today = g_date_get_julian (&demo->today);
  start = demo->today;
  g_date_subtract_years (&start, n_years);
  v.history_day = g_date_get_julian (&start);
  v.now = pd_timestamp_now ();
  v.counts = counts;
  v.volunteers = g_array_new (FALSE, FALSE, sizeof (DemoVolunteer));
  g_array_set_clear_func (v.volunteers, (GDestroyNotify) demo_volunteer_clear);

  if (!read_roles (&v, error) || !add_courses (&v, error) || !make_volunteers (&v, error))
    goto out;
  for (guint i = 0; i < v.volunteers->len; i++)
    {
      const DemoVolunteer *volunteer = &g_array_index (v.volunteers, DemoVolunteer, i);

      if (!add_hours (&v, volunteer, error) || !add_supervision (&v, volunteer, error) ||
          !add_completions (&v, volunteer, error))
        goto out;
    }
  ok = add_credentials (&v, error) && add_facilitators (&v, error);

out:
  g_rand_free (v.rand);
  g_free (v.now);
  g_array_unref (v.volunteers);
  return ok;
}

/* What the database holds already: demo data goes only into an empty one. */
static gboolean
check_empty (PdDatabase  *db,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc, holds = 0;

  stmt = pd_database_prepare (db,
                              "SELECT CASE WHEN EXISTS (SELECT 1 FROM members) THEN 1"
                              " WHEN EXISTS (SELECT 1 FROM groups)"
                              "   OR EXISTS (SELECT 1 FROM visits) THEN 2"
                              " WHEN EXISTS (SELECT 1 FROM volunteers)"
                              "   OR EXISTS (SELECT 1 FROM courses) THEN 3"
                              " ELSE 0 END",
                              error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    holds = sqlite3_column_int (stmt, 0);
  else
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (holds == 1)
    g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                         _("the database already has members; demo data goes only into an "
                           "empty database"));
  else if (holds == 2)
    g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                         _("the database already has groups or visits; demo data goes only "
                           "into an empty database"));
  else if (holds == 3)
    g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                         _("the database already has volunteers or training courses; demo data "
                           "goes only into an empty database"));
  return holds == 0;
}

/**
 * pd_demo_fill:
 * @db: an empty database
 * @options: how many members, the seed that makes them and the years of history
 * @error: return location for a #GError
 *
 * As pd_demo_fill_full(), without the counts.
 *
 * Returns: %TRUE if the demo data was added
 */
gboolean
pd_demo_fill (PdDatabase           *db,
              const PdDemoOptions  *options,
              GError              **error)
{
  return pd_demo_fill_full (db, options, NULL, error);
}

/**
 * pd_demo_fill_full:
 * @db: an empty database
 * @options: how many members, the seed that makes them and the years of history
 * @counts: (out) (optional): what was made
 * @error: return location for a #GError
 *
 * Adds @options->n_members made-up members to @db in one transaction,
 * and, unless @options->n_years is 0, groups of every kind with
 * @options->n_years years of sessions up to today, their attendance and
 * headcounts, front-desk visits, and volunteers with their hours,
 * supervision, training and credentials. The same seed gives the same data on
 * the same day; dates are counted back from today. Demo data never mixes
 * with real records: a database that already has members, groups, visits,
 * volunteers or courses is refused and left as it was.
 *
 * Returns: %TRUE if the demo data was added
 */
gboolean
pd_demo_fill_full (PdDatabase           *db,
                   const PdDemoOptions  *options,
                   PdDemoCounts         *counts,
                   GError              **error)
{
  g_autoptr(PdMembersWriter) writer = NULL;
  g_autoptr(PdMember) member = NULL;
  g_autoptr(Demo) demo = NULL;
  PdDemoCounts made = { 0, };

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pd_database_begin (db, error))
    return FALSE;

  if (!check_empty (db, error))
    goto failed;

  writer = pd_members_writer_new (db, error);
  if (writer == NULL)
    goto failed;

  demo = demo_new (options);
  member = pd_member_new ();
  for (guint i = 0; i < options->n_members; i++)
    {
      demo_member (demo, i, member);
      if (!pd_members_writer_add (writer, member, error))
        {
          g_prefix_error (error, _("demo member %u: "), i + 1);
          goto failed;
        }
      demo->ids[i] = pd_member_get_id (member);
    }
  made.n_members = options->n_members;

  if (!pd_members_writer_finish (writer, error))
    goto failed;
  g_clear_pointer (&writer, pd_members_writer_free);

  if (options->n_years > 0)
    {
      gboolean ok;

      /* Enough for the index of attendance by member to be sorted in
       * memory when it is built again, rather than in temporary files. */
      pd_database_exec (db, "PRAGMA cache_size = -1048576", NULL);
      ok = add_meetings (demo, db, options->seed, options->n_years, &made, error) &&
           add_volunteers (demo, db, options->seed, options->n_years, &made, error);
      pd_database_exec (db, "PRAGMA cache_size = " G_STRINGIFY (PD_DATABASE_CACHE_SIZE), NULL);
      if (!ok)
        goto failed;
    }

  if (!pd_database_commit (db, error))
    return FALSE;

  if (made.n_members > 0)
    pd_database_notify_changed (db, "members");
  if (made.n_groups > 0)
    pd_database_notify_changed (db, "groups");
  if (made.n_sessions > 0)
    pd_database_notify_changed (db, "sessions");
  if (made.n_attendance > 0)
    pd_database_notify_changed (db, "attendance");
  if (made.n_visits > 0)
    pd_database_notify_changed (db, "visits");
  /* Hours and supervision are announced as the volunteers' own, and
   * courses, completions and credentials as training, as the core does. */
  if (made.n_volunteers > 0)
    pd_database_notify_changed (db, "volunteers");
  if (made.n_courses > 0)
    pd_database_notify_changed (db, "training");
  if (counts != NULL)
    *counts = made;
  return TRUE;

failed:
  /* Freed inside the transaction, so its clean-up is rolled back too. */
  g_clear_pointer (&writer, pd_members_writer_free);
  pd_database_rollback (db);
  return FALSE;
}
