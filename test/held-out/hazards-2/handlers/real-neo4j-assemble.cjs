// Real public handler: gilaniasher/assemble, AWSLambdaNodeFunctions/CreateUser/create-user/index.js,
// commit 5663d335b943d0d0d0c5af9fc0c1c2c028bf97e4. Rewritten: the hard-coded URI and password are read from the
// environment here; the init shape (driver and one session at module scope) is kept.
const neo4j = require('neo4j-driver');
const driver = neo4j.driver(process.env.NEO4J_URI || 'bolt://graph.internal', neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD || 'local-only')); // expect: none (neo4j-driver-core driver.js: the connection provider opens connections on first acquire)
const session = driver.session(); // expect: none (session.js: a Session acquires its connection in run(), which only the handler calls)

exports.handler = async (event, context) => {
  let univ;

  session
    .run(`CREATE (n:User {name: 'Lambda Test'})`) // expect: none (in the handler)
    .then(function (result) {
      console.log('The function ran');
      console.log(JSON.stringify(result));
      return { statusCode: 200, body: 'User created' };
    })
    .catch(function (error) {
      console.log('The function did not run');
      console.log(JSON.stringify(error));
      return { statusCode: 400, error: JSON.stringify(error) };
    });

  return { statusCode: 200, body: 'Ran' };
};
